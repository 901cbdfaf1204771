import type { Finding, SpecDocument } from '../core/model.js';
import { emptyDocument, type ParseOptions } from '../core/parse/parse-tasks.js';
import type { WorkerPool } from './worker-pool.js';

/** Findings that mean the worker did not finish reading the file: no tasks were read. */
export const OFF_THREAD_FINDINGS: ReadonlySet<string> = new Set(['parse-timeout', 'parse-failed']);

/**
 * `parseTasks` in a worker thread under the pool's time budget. Like `parseTasks`, it never rejects: a
 * file that takes too long comes back with a `parse-timeout` error finding and no tasks.
 */
export async function parseTasksOffThread(
  pool: WorkerPool,
  text: string,
  options: ParseOptions & { timeoutMs?: number },
): Promise<SpecDocument> {
  const { timeoutMs, ...parseOptions } = options;
  // frozen: the parse cache shares one document among every job that reads the same file
  const outcome = await pool.run('parseTasks', { text, options: parseOptions }, { timeoutMs, freeze: true });
  if (outcome.kind === 'done') return outcome.value;
  const finding: Finding =
    outcome.kind === 'timeout'
      ? {
          code: 'parse-timeout',
          severity: 'error',
          line: 1,
          message: `${options.path} took longer than ${outcome.timeoutMs.toLocaleString('en-US')} ms to read and was stopped; no tasks were read. Simplify its Markdown (deep nesting, long runs of brackets or emphasis).`,
        }
      : {
          code: 'parse-failed',
          severity: 'error',
          line: 1,
          message: `spec-sync could not read this file (${outcome.reason.slice(0, 200)}); no tasks were read.`,
        };
  return { ...emptyDocument(options.path), findings: [finding] };
}
