/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60000,
  // Every suite closes its servers, Redis clients and worker pools; a straggling handle (seen once, on a
  // loaded machine, after a child process was killed) must not keep a finished, green run from exiting.
  forceExit: true,
  collectCoverageFrom: ['src/**/*.ts'],
};
