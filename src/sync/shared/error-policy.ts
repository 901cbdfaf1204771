import { ConfigError } from '../../config/load-config.js';
import { TemplateError } from '../../core/render/render-template.js';
import { rateLimitWait } from '../../github/client.js';
import { isTransientError } from '../../github/errors.js';
import { SpecUnreadableError } from './readable-spec.js';

/**
 * How a failed job is treated (docs/architecture.md, "Errors"):
 * `spec` — a problem in the repository's own files (config, tasks.md, template): shown on the check run,
 *   logged, never retried;
 * `transient` — the network, 5xx, rate limits: retried with backoff;
 * `failed` — anything else: logged as a failure, not retried (it would fail the same way).
 */
export type ErrorKind = 'spec' | 'transient' | 'failed';

export function classifyError(error: unknown): ErrorKind {
  if (isSpecProblem(error)) return 'spec';
  return isTransientError(error, (cause) => rateLimitWait(cause, Date.now()) !== null)
    ? 'transient'
    : 'failed';
}

/**
 * The wait GitHub asked for in a failure or one of its causes (`retry-after`, a primary limit's reset, the
 * secondary limit's minute), read the way the gateway reads it; undefined when it asked for none.
 */
export function askedWaitMs(error: unknown, now = Date.now()): number | undefined {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    const wait = rateLimitWait(cause, now);
    if (wait !== null) return wait;
  }
  return undefined;
}

/** Problems in the repository's own files: retrying will not help; the spec's check run shows them. */
export function isSpecProblem(error: unknown): error is ConfigError | SpecUnreadableError | TemplateError {
  return (
    error instanceof SpecUnreadableError || error instanceof ConfigError || error instanceof TemplateError
  );
}

/** Where a spec problem points: the file and line when known. */
export function problemLocation(error: Error, fallbackPath: string): { path: string; line: number } {
  if (error instanceof SpecUnreadableError) return { path: error.tasksPath, line: error.line };
  if (error instanceof ConfigError) return { path: error.file, line: 1 };
  if (error instanceof TemplateError && error.path) return { path: error.path, line: 1 };
  return { path: fallbackPath, line: 1 };
}
