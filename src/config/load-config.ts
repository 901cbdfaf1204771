import { composeConfigGet } from '@probot/octokit-plugin-config';
import type { GitHubClient } from '../github/client.js';
import { GitHubRequestError, statusOf } from '../github/errors.js';
import type { RepoRef } from '../github/gateway.js';
import { type Config, configSchema } from './schema.js';

/** Where a repository keeps its spec-sync config (read from the default branch, `_extends` honoured). */
export const CONFIG_PATH = '.github/spec-sync.yml';

export interface ConfigProblem {
  /** The key path inside the file, e.g. `['gates', 'phaseOrder']`. */
  path: Array<string | number>;
  message: string;
}

/** An invalid config: spec-sync reports it and writes nothing. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
    options?: { cause?: unknown },
  ) {
    super(`Invalid ${file}: ${problems.map(describeProblem).join('; ')}`, options);
    this.name = 'ConfigError';
  }
}

function describeProblem(problem: ConfigProblem): string {
  return problem.path.length ? `${problem.path.join('.')}: ${problem.message}` : problem.message;
}

/** Validates parsed YAML (or nothing, for a repository without a config file) into a full config. */
export function validateConfig(raw: unknown, file = CONFIG_PATH): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw new ConfigError(
    file,
    result.error.issues.map((issue) => ({
      path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
      message: issue.message,
    })),
  );
}

/**
 * How long a repository's config is reused within one process: one push fans out into several jobs, and
 * each would otherwise read the file again (two requests with the organisation fallback). A push that
 * changes the file drops the cached copy (`forgetRepoConfig`).
 */
export const CONFIG_CACHE_MS = 60_000;

const cache = new Map<string, { at: number; config: Promise<Config> }>();

function cacheKey(client: GitHubClient, ref: RepoRef): string {
  return `${client.request.endpoint.DEFAULTS.baseUrl}/${ref.owner}/${ref.repo}`.toLowerCase();
}

export function forgetRepoConfig(client: GitHubClient, ref: RepoRef): void {
  cache.delete(cacheKey(client, ref));
}

/** Reads `.github/spec-sync.yml` as Probot's `context.config` does (cached briefly), then validates it. */
export async function loadRepoConfig(client: GitHubClient, ref: RepoRef): Promise<Config> {
  const key = cacheKey(client, ref);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CONFIG_CACHE_MS) return hit.config;
  const config = readRepoConfig(client, ref);
  cache.set(key, { at: Date.now(), config });
  // A failed read or an invalid file is not kept: the next job reads again.
  config.catch(() => cache.delete(key));
  return config;
}

async function readRepoConfig(client: GitHubClient, ref: RepoRef): Promise<Config> {
  let raw: Record<string, unknown>;
  try {
    // composeConfigGet only needs `request`; the cast bridges two Octokit type packages.
    const result = await composeConfigGet(client as never, { ...ref, path: CONFIG_PATH });
    raw = result.config;
  } catch (error) {
    // A failed fetch is not a bad file: it is retried, never reported as the user's mistake.
    if (statusOf(error) !== undefined) throw new GitHubRequestError(`read ${CONFIG_PATH}`, error);
    throw new ConfigError(CONFIG_PATH, [{ path: [], message: (error as Error).message }], { cause: error });
  }
  return validateConfig(raw);
}
