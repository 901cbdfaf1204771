import type { Config } from '../config/schema.js';
import { parseTasksCached } from '../core/parse/parse-cache.js';
import { setTaskStatuses } from '../core/render/edit-tasks.js';
import type { GitHubGateway } from '../github/gateway.js';

/** Tries at writing tasks.md when it keeps changing under us; each try re-reads and re-applies. */
export const MAX_WRITE_ATTEMPTS = 5;

export interface StatusChange {
  id: string;
  status: 'done' | 'open' | 'skipped';
}

export type WriteBackResult =
  | { outcome: 'committed'; commitSha: string; changed: string[] }
  | { outcome: 'pull-request'; pullNumber: number; changed: string[]; reason: string }
  | { outcome: 'unchanged' }
  | { outcome: 'off' }
  | { outcome: 'missing'; reason: string };

/**
 * Writes task states into tasks.md on a branch in one commit, editing only the boxes, with the file's blob
 * sha as precondition. On a conflict it re-reads and re-applies (never overwriting another change); when
 * the branch refuses direct commits, or config asks for it, the change goes into a pull request instead.
 */
export async function writeTaskStatuses(
  gateway: GitHubGateway,
  input: { branch: string; tasksPath: string; changes: StatusChange[]; message: string; prNote: string },
  writeBack: Config['pullRequests']['writeBack'],
): Promise<WriteBackResult> {
  if (writeBack === 'off') return { outcome: 'off' };
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    const head = await gateway.getBranchHead(input.branch);
    const file = head ? await gateway.readFile(head, input.tasksPath) : null;
    if (!head || !file) return { outcome: 'missing', reason: `${input.tasksPath} is not on ${input.branch}` };
    const doc = parseTasksCached(file.text, { path: input.tasksPath });
    const edit = setTaskStatuses(file.text, doc.tasks, input.changes);
    if (edit.changed.length === 0) return { outcome: 'unchanged' };
    if (writeBack === 'pull-request') {
      return openPullRequest(
        gateway,
        { ...input, head, text: edit.text, sha: file.sha, changed: edit.changed },
        'configured',
      );
    }
    const result = await gateway.writeFile({
      branch: input.branch,
      path: input.tasksPath,
      text: edit.text,
      sha: file.sha,
      message: input.message,
    });
    if (result.status === 'written')
      return { outcome: 'committed', commitSha: result.commitSha, changed: edit.changed };
    if (result.status === 'rejected') {
      return openPullRequest(
        gateway,
        { ...input, head, text: edit.text, sha: file.sha, changed: edit.changed },
        result.message,
      );
    }
  }
  throw new Error(
    `${input.tasksPath} on ${input.branch} kept changing; gave up after ${MAX_WRITE_ATTEMPTS} attempts`,
  );
}

async function openPullRequest(
  gateway: GitHubGateway,
  input: {
    branch: string;
    tasksPath: string;
    message: string;
    prNote: string;
    head: string;
    text: string;
    sha: string;
    changed: string[];
  },
  reason: string,
): Promise<WriteBackResult> {
  const branch = `spec-sync/${input.tasksPath.replaceAll('/', '-').replace(/\.md$/, '')}-${input.head.slice(0, 7)}`;
  if (!(await gateway.getBranchHead(branch))) await gateway.createBranch(branch, input.head);
  const written = await gateway.writeFile({
    branch,
    path: input.tasksPath,
    text: input.text,
    sha: input.sha,
    message: input.message,
  });
  if (written.status !== 'written') {
    throw new Error(`Could not write ${input.tasksPath} on ${branch} either: ${written.status}`);
  }
  const pullNumber = await gateway.createPullRequest({
    title: input.message,
    head: branch,
    base: input.branch,
    body: `${input.prNote}\n\n${input.branch} did not take a direct commit (${reason}), so the change is proposed here.`,
  });
  return { outcome: 'pull-request', pullNumber, changed: input.changed, reason };
}
