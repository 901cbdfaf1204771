import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { getPrivateKey } from '@probot/get-private-key';
import { EnvError } from './env-error.js';
import { runtimeEnvProblems } from './runtime-env.js';

export { EnvError };

export type Env = Record<string, string>;

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * The environment the server runs with: `.env` (when present) under the shell's variables, so
 * `PORT=3001 npm start` wins over the file. An empty value counts as unset, so `GHE_HOST=` in a copied
 * `.env` changes nothing.
 */
export function mergeEnv(shell: NodeJS.ProcessEnv, fileText: string | undefined): Env {
  const merged: Env = {};
  for (const source of [fileText === undefined ? {} : parseEnv(fileText), shell]) {
    for (const [name, value] of Object.entries(source)) {
      if (value === undefined) continue;
      if (value === '') delete merged[name];
      else merged[name] = value;
    }
  }
  return merged;
}

/** What is missing or malformed; production needs the app's identity and secret, any mode needs well-formed values. */
export function findEnvProblems(env: Env, cwd: string): string[] {
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];
  if (env.APP_ID !== undefined && !/^[1-9]\d*$/.test(env.APP_ID))
    problems.push(`APP_ID must be the app's numeric id, got "${env.APP_ID}"`);
  if (production && env.APP_ID === undefined)
    problems.push("APP_ID is missing: the app's id, from its settings page");
  problems.push(...privateKeyProblems(env, cwd, production));
  if (production && env.WEBHOOK_SECRET === undefined)
    problems.push('WEBHOOK_SECRET is missing: the secret set on the app, used to verify webhooks');
  if (env.PORT !== undefined && !(/^\d+$/.test(env.PORT) && Number(env.PORT) < 65536))
    problems.push(`PORT must be a port number, got "${env.PORT}"`);
  if (env.LOG_LEVEL !== undefined && !LOG_LEVELS.includes(env.LOG_LEVEL))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  if (env.GHE_PROTOCOL !== undefined && !['http', 'https'].includes(env.GHE_PROTOCOL))
    problems.push(`GHE_PROTOCOL must be http or https, got "${env.GHE_PROTOCOL}"`);
  // REDIS_URL and SPEC_SYNC_*: one schema, the one the runtime reads them with.
  problems.push(...runtimeEnvProblems(env));
  return problems;
}

function privateKeyProblems(env: Env, cwd: string, required: boolean): string[] {
  const name = env.PRIVATE_KEY !== undefined ? 'PRIVATE_KEY' : 'PRIVATE_KEY_PATH';
  let key: string | null;
  try {
    key = getPrivateKey({ env, cwd });
  } catch {
    if (env.PRIVATE_KEY === undefined && env.PRIVATE_KEY_PATH === undefined)
      return ['PRIVATE_KEY_PATH is missing and the working directory holds several .pem files: name one'];
    if (name === 'PRIVATE_KEY_PATH')
      return [`PRIVATE_KEY_PATH names no readable file ("${env.PRIVATE_KEY_PATH}")`];
    return ['PRIVATE_KEY is not a PEM private key: paste the whole .pem file, or set PRIVATE_KEY_PATH to it'];
  }
  if (key === null)
    return required
      ? ['PRIVATE_KEY or PRIVATE_KEY_PATH is missing: the private key generated on the app']
      : [];
  try {
    createPrivateKey(key);
    return [];
  } catch {
    return [`${name} is not a PEM private key: download a new one from the app's settings page`];
  }
}

/** Merges `.env` under the shell's environment and validates it; throws an EnvError naming each problem. */
export function loadRuntimeEnv(shell: NodeJS.ProcessEnv, cwd: string): Env {
  const file = join(cwd, '.env');
  const env = mergeEnv(shell, existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  const problems = findEnvProblems(env, cwd);
  if (problems.length) throw new EnvError(problems);
  return env;
}
