import type { RepositoryFiles } from '../github/gateway.js';
import type { ConfigSourceFile } from '../github/repo-gateway.js';
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
  throw new ConfigError(file, problemsOf(result.error.issues));
}

function problemsOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ConfigProblem[] {
  return issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    message: issue.message,
  }));
}

/**
 * How long a repository's config is reused within one process: one push fans out into several jobs, and
 * each would otherwise read the file again (two requests with the organisation fallback). A push that
 * changes the file drops the cached copy (`forgetRepoConfig`).
 */
export const CONFIG_CACHE_MS = 60_000;

const cache = new Map<string, { at: number; config: Promise<Config> }>();

/** What the loader needs of the gateway: where the repository is, and the config file read. */
export type ConfigSource = Pick<RepositoryFiles, 'origin' | 'readConfigFile'>;

export function forgetRepoConfig(source: ConfigSource): void {
  cache.delete(source.origin);
}

/** Reads `.github/spec-sync.yml` through the gateway (cached briefly), then validates it. */
export async function loadRepoConfig(source: ConfigSource): Promise<Config> {
  const key = source.origin;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CONFIG_CACHE_MS) return hit.config;
  const config = readRepoConfig(source);
  cache.set(key, { at: Date.now(), config });
  // A failed read or an invalid file is not kept: the next job reads again.
  config.catch(() => cache.delete(key));
  return config;
}

async function readRepoConfig(source: ConfigSource): Promise<Config> {
  const read = await source.readConfigFile(CONFIG_PATH);
  if ('unreadable' in read)
    throw new ConfigError(CONFIG_PATH, [{ path: [], message: read.unreadable }], { cause: read.cause });
  try {
    return validateConfig(read.raw);
  } catch (error) {
    const foreign = read.sources?.filter((file) => !file.own) ?? [];
    if (!(error instanceof ConfigError) || foreign.length === 0) throw error;
    throw withoutForeignDetail(error, read.sources!, foreign);
  }
}

/**
 * A config made invalid through `_extends` by another repository's file: the problems of the repository's
 * own file are shown as they are (the user wrote them); the rest only as a count with the source, since
 * the check run that shows them is readable by anyone who can see the repository, and the other file's key
 * names and values may be secret.
 */
function withoutForeignDetail(
  error: ConfigError,
  sources: readonly ConfigSourceFile[],
  foreign: readonly ConfigSourceFile[],
): ConfigError {
  const ownRaw = Object.assign({}, ...sources.filter((file) => file.own).map((file) => file.raw ?? {}));
  delete ownRaw._extends;
  const own = configSchema.safeParse(ownRaw);
  const ownProblems = own.success ? [] : problemsOf(own.error.issues);
  const ownText = new Set(ownProblems.map(describeProblem));
  const rest = error.problems.filter((problem) => !ownText.has(describeProblem(problem))).length;
  if (rest === 0) return error;
  const names = foreign.map((file) => file.name).join(', ');
  return new ConfigError(error.file, [
    ...ownProblems,
    {
      path: ['_extends'],
      message: `${rest} ${rest === 1 ? 'problem' : 'problems'} in the configuration brought in from ${names}; another repository's keys and values are not shown here`,
    },
  ]);
}
