import type { SpecDocument } from '../../core/model.js';
import { parseTasksCached, parseTasksCachedWith } from '../../core/parse/parse-cache.js';
import type {
  FindReferencesOptions,
  PullRequestText,
  ReferenceScan,
} from '../../core/refs/find-task-references.js';
import { parseTasksOffThread } from '../../workers/parse-off-thread.js';
import { scanReferencesOffThread } from '../../workers/scan-off-thread.js';
import type { WorkerPool } from '../../workers/worker-pool.js';

/** Reads a tasks.md into its model; never rejects (a file it cannot read comes back with an error finding). */
export type TasksParser = (text: string, tasksPath: string) => Promise<SpecDocument>;

/**
 * The parser a process uses: in the pool's worker threads under its time budget when there is a pool (the
 * app: text from strangers must never hold the event loop that answers webhooks), else on this thread (the
 * CLI, reading a person's own files).
 */
export function tasksParser(pool: WorkerPool | undefined): TasksParser {
  if (!pool) return async (text, path) => parseTasksCached(text, { path });
  return (text, path) =>
    parseTasksCachedWith(text, { path }, (source, options) => parseTasksOffThread(pool, source, options));
}

/** Reads a pull request's task references; never rejects. */
export type ReferenceScanner = (
  text: PullRequestText,
  options: FindReferencesOptions,
) => Promise<ReferenceScan>;

/** The reference scan a process uses: in the pool's threads when there is a pool, else on this thread. */
export function referenceScanner(pool: WorkerPool | undefined): ReferenceScanner {
  return (text, options) => scanReferencesOffThread(pool, text, options);
}
