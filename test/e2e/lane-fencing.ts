import type { LogEntry } from '../github-sim/index.js';

/**
 * Requests only the jobs of a repository's write lane make (syncs, ticks after a merge, write-backs);
 * check, push and pull-request-comment jobs never do.
 */
const LANE_WRITES = new Set([
  'POST /repos/{owner}/{repo}/issues',
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
  'PUT /repos/{owner}/{repo}/contents/{path}',
]);

function isLaneWrite(entry: LogEntry): boolean {
  return LANE_WRITES.has(`${entry.method} ${entry.route}`);
}

/** The simulator's requests per repository (`owner/name`), in order of arrival. */
export function requestsByRepository(log: readonly LogEntry[]): Map<string, LogEntry[]> {
  const byRepo = new Map<string, LogEntry[]>();
  for (const entry of log) {
    if (!entry.route?.startsWith('/repos/{owner}/{repo}')) continue;
    const repo = entry.path.split('/').slice(2, 4).join('/').toLowerCase();
    byRepo.set(repo, [...(byRepo.get(repo) ?? []), entry]);
  }
  for (const entries of byRepo.values()) entries.sort((a, b) => a.start - b.start);
  return byRepo;
}

/**
 * The lane writes of one repository that ran inside a write job overlapping another client's write job.
 *
 * A client is an installation token: each process authenticates on its own, so two processes never share
 * one. Every write job reads the repository before its first write. So if write jobs never overlap, then
 * for a lane write W by client C, every earlier-arriving lane write by another client belongs to an
 * earlier job, which ended (after that write's answer was sent) before W's job began, and W's job made a
 * request that arrived in between. A write without such a request is evidence of two write jobs at once,
 * in two processes. (Two overlapping jobs in one process share a token and are not seen here; the
 * duplicate check sees what they break.)
 */
export function unfencedLaneWrites(entries: readonly LogEntry[]): LogEntry[] {
  const unfenced: LogEntry[] = [];
  for (const [index, write] of entries.entries()) {
    if (!isLaneWrite(write)) continue;
    const earlier = entries.slice(0, index);
    const otherEnd = Math.max(
      ...earlier
        .filter((entry) => isLaneWrite(entry) && entry.token !== write.token)
        .map((entry) => entry.end),
    );
    if (otherEnd === -Infinity) continue;
    if (!earlier.some((entry) => entry.token === write.token && entry.start > otherEnd)) unfenced.push(write);
  }
  return unfenced;
}

/** How often a repository's lane writes passed from one client to another: the cases the fence check tests. */
export function laneHandoffs(entries: readonly LogEntry[]): number {
  const writes = entries.filter(isLaneWrite);
  return writes.filter((write, index) => index > 0 && writes[index - 1]!.token !== write.token).length;
}
