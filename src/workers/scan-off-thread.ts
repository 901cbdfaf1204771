import {
  type FindReferencesOptions,
  type PullRequestText,
  type ReferenceScan,
  scanTaskReferences,
} from '../core/refs/find-task-references.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * `scanTaskReferences` in a worker thread: a pull request's text is anyone's (a fork needs no access), and
 * even within the reference budget an 84 KB description takes tens of milliseconds to read. A scan that
 * does not finish in the pool's budget reads nothing: every character counts as unread, so the comment says so.
 */
export async function scanReferencesOffThread(
  pool: WorkerPool | undefined,
  text: PullRequestText,
  options: FindReferencesOptions,
): Promise<ReferenceScan> {
  if (!pool) return scanTaskReferences(text, options);
  const outcome = await pool.run('scanTaskReferences', { text, options });
  if (outcome.kind === 'done') return outcome.value;
  const length = [text.title, text.body ?? '', text.headBranch, ...text.commitMessages].join('').length;
  return { references: [], ignored: { references: 0, ids: 0, samples: [], unreadCharacters: length } };
}
