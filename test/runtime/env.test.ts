import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { EnvError, findEnvProblems, loadRuntimeEnv, mergeEnv } from '../../src/runtime/env.js';

const PEM = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;
const FAKE_PEM = '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n';

function dir(files: Record<string, string> = {}): string {
  const path = mkdtempSync(join(tmpdir(), 'spec-sync-env-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

describe('mergeEnv', () => {
  it('lets the shell win over .env and treats empty values as unset', () => {
    const env = mergeEnv({ PORT: '3996' }, 'PORT=3000\nGHE_HOST=\nLOG_LEVEL=debug\n');
    expect(env).toEqual({ PORT: '3996', LOG_LEVEL: 'debug' });
  });
});

describe('findEnvProblems in production', () => {
  const production = { NODE_ENV: 'production', APP_ID: '42', PRIVATE_KEY: PEM, WEBHOOK_SECRET: 's' };

  it('accepts a complete environment', () => {
    expect(findEnvProblems(production, dir())).toEqual([]);
  });

  it.each([
    ['APP_ID', { APP_ID: undefined }],
    ['WEBHOOK_SECRET', { WEBHOOK_SECRET: undefined }],
    ['PRIVATE_KEY or PRIVATE_KEY_PATH', { PRIVATE_KEY: undefined }],
  ])('names the missing %s', (name, change) => {
    const env = Object.fromEntries(
      Object.entries({ ...production, ...change }).filter(([, value]) => value !== undefined),
    ) as Record<string, string>;
    const problems = findEnvProblems(env, dir());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} is missing`));
  });

  it.each([
    ['a key that is not PEM', { PRIVATE_KEY: 'not a key' }, /^PRIVATE_KEY is not a PEM private key/],
    ['PEM markers around garbage', { PRIVATE_KEY: FAKE_PEM }, /^PRIVATE_KEY is not a PEM private key/],
    ['an id that is not a number', { APP_ID: 'my-app' }, /^APP_ID must be/],
    ['a port that is not a number', { PORT: 'http' }, /^PORT must be/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be/],
    ['a Redis URL without its scheme', { REDIS_URL: 'localhost:6379' }, /^REDIS_URL must be/],
    ['an unknown role', { SPEC_SYNC_ROLE: 'all' }, /^SPEC_SYNC_ROLE must be/],
    [
      'a reconcile interval given in seconds',
      { SPEC_SYNC_RECONCILE_INTERVAL_MS: '60' },
      /^SPEC_SYNC_RECONCILE_INTERVAL_MS must be 0 \(off\) or at least 1000 \(milliseconds\), got "60"/,
    ],
    [
      'a reconcile interval longer than a timer holds',
      { SPEC_SYNC_RECONCILE_INTERVAL_MS: String(30 * 24 * 3600 * 1000) },
      /^SPEC_SYNC_RECONCILE_INTERVAL_MS must be at most 2147483647/,
    ],
    [
      'a healing interval longer than a timer holds',
      { SPEC_SYNC_HEAL_INTERVAL_MS: String(30 * 24 * 3600 * 1000) },
      /^SPEC_SYNC_HEAL_INTERVAL_MS must be at most 2147483647/,
    ],
    [
      'a shutdown time longer than a timer holds',
      { SPEC_SYNC_SHUTDOWN_MS: '9999999999' },
      /^SPEC_SYNC_SHUTDOWN_MS must be at most 2147483647/,
    ],
  ])('names %s', (_, change, message) => {
    const problems = findEnvProblems({ ...production, ...change }, dir());
    expect(problems).toEqual([expect.stringMatching(message)]);
  });

  it('reads PRIVATE_KEY_PATH relative to the working directory and checks the file', () => {
    const { PRIVATE_KEY: _, ...rest } = production;
    expect(findEnvProblems({ ...rest, PRIVATE_KEY_PATH: 'app.pem' }, dir({ 'app.pem': PEM }))).toEqual([]);
    expect(findEnvProblems({ ...rest, PRIVATE_KEY_PATH: 'app.pem' }, dir({ 'app.pem': 'oops' }))).toEqual([
      expect.stringMatching(/^PRIVATE_KEY_PATH is not a PEM private key/),
    ]);
    expect(findEnvProblems({ ...rest, PRIVATE_KEY_PATH: 'gone.pem' }, dir())).toEqual([
      expect.stringMatching(/^PRIVATE_KEY_PATH names no readable file/),
    ]);
  });
});

describe('findEnvProblems in development', () => {
  it('asks which key to use when the working directory holds several', () => {
    expect(findEnvProblems({}, dir({ 'a.pem': PEM, 'b.pem': PEM }))).toEqual([
      expect.stringMatching(
        /^PRIVATE_KEY_PATH is missing and the working directory holds several \.pem files/,
      ),
    ]);
  });
});

describe('loadRuntimeEnv', () => {
  it('starts in development without credentials (setup mode)', () => {
    expect(loadRuntimeEnv({}, dir({ '.env': 'PORT=3001\n' }))).toEqual({ PORT: '3001' });
  });

  it('refuses to start in production with a message naming each problem', () => {
    const cwd = dir({ '.env': 'APP_ID=7\nWEBHOOK_SECRET=s\n' });
    expect(() => loadRuntimeEnv({ NODE_ENV: 'production' }, cwd)).toThrow(EnvError);
    expect(() => loadRuntimeEnv({ NODE_ENV: 'production' }, cwd)).toThrow(/PRIVATE_KEY or PRIVATE_KEY_PATH/);
  });
});
