import type { Config } from '../../config/schema.js';
import { setTaskStatuses, type TaskStatusEdit } from '../../core/edit-tasks/edit-tasks.js';
import { specBranchSegment } from '../../core/specs/spec-names.js';
import { RetryLaterError } from '../../github/errors.js';
import type { FileContent, PullRequests, RepositoryFiles } from '../../github/gateway.js';
import { type TasksParser, tasksParser } from '../shared/tasks-parser.js';

/** What writing tasks.md back needs: its files, and pull requests when a branch refuses a commit. */
type WriteBackGateway = RepositoryFiles & Pick<PullRequests, 'findOpenPullRequest' | 'createPullRequest'>;

/** Tries at writing tasks.md when it keeps changing under us; each try re-reads and re-applies. */
export const MAX_WRITE_ATTEMPTS = 5;

export interface StatusChange {
  id: string;
  status: 'done' | 'open' | 'skipped';
}

export type WriteBackResult =
  /** `settled`: the requested IDs whose box now shows the wanted state (changed here or already so). */
  | { outcome: 'committed'; commitSha: string; changed: string[]; settled: string[] }
  | { outcome: 'pull-request'; pullNumber: number; changed: string[]; reason: string }
  | { outcome: 'unchanged'; settled: string[] }
  | { outcome: 'off' }
  | { outcome: 'missing'; reason: string };

export interface WriteTaskStatusesInput {
  branch: string;
  tasksPath: string;
  changes: StatusChange[];
  /** The commit subject, or a function of the IDs actually changed (so a partial redo says what it did). */
  message: string | ((changed: string[]) => string);
  prNote: string;
  /** Reads tasks.md (the job's worker threads); on this thread when not given. */
  parse?: TasksParser;
  /** The branch head and tasks.md as the caller just read them: the first attempt starts from these. */
  initial?: { head: string; file: FileContent };
}

/**
 * Writes task states into tasks.md on a branch in one commit, editing only the boxes, with the file's blob
 * sha as precondition. On a conflict it re-reads and re-applies (never overwriting another change); when
 * the branch refuses direct commits, or config asks for it, the change goes into a pull request instead.
 */
export async function writeTaskStatuses(
  gateway: WriteBackGateway,
  input: WriteTaskStatusesInput,
  writeBack: Config['pullRequests']['writeBack'],
): Promise<WriteBackResult> {
  if (writeBack === 'off') return { outcome: 'off' };
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    const found =
      attempt === 1 && input.initial
        ? input.initial
        : await gateway.readFileAtBranchHead(input.branch, input.tasksPath);
    if (!found) return { outcome: 'missing', reason: `${input.tasksPath} is not on ${input.branch}` };
    const { head, file } = found;
    const edit = await applyChanges(file.text, input);
    const settled = settledIds(input.changes, edit);
    if (edit.changed.length === 0) return { outcome: 'unchanged', settled };
    const message = messageFor(input, edit.changed);
    const proposal = { ...input, message, head, text: edit.text, sha: file.sha, changed: edit.changed };
    if (writeBack === 'pull-request') return openPullRequest(gateway, proposal, 'configured');
    const result = await gateway.writeFile({
      branch: input.branch,
      path: input.tasksPath,
      text: edit.text,
      sha: file.sha,
      message,
    });
    if (result.status === 'written')
      return { outcome: 'committed', commitSha: result.commitSha, changed: edit.changed, settled };
    if (result.status === 'rejected') return openPullRequest(gateway, proposal, result.message);
  }
  throw new RetryLaterError(
    `${input.tasksPath} on ${input.branch} kept changing; gave up after ${MAX_WRITE_ATTEMPTS} attempts`,
  );
}

async function applyChanges(text: string, input: WriteTaskStatusesInput): Promise<TaskStatusEdit> {
  const parse = input.parse ?? tasksParser(undefined);
  const doc = await parse(text, input.tasksPath);
  return setTaskStatuses(text, doc.tasks, input.changes);
}

function settledIds(changes: StatusChange[], edit: TaskStatusEdit): string[] {
  const unsettled = new Set([...edit.missing, ...edit.conflicts.map((conflict) => conflict.id)]);
  return [...new Set(changes.map((change) => change.id))].filter((id) => !unsettled.has(id));
}

function messageFor(input: WriteTaskStatusesInput, changed: string[]): string {
  return typeof input.message === 'string' ? input.message : input.message(changed);
}

interface Proposal {
  branch: string;
  tasksPath: string;
  changes: StatusChange[];
  message: string;
  prNote: string;
  head: string;
  text: string;
  sha: string;
  changed: string[];
}

/**
 * One open write-back pull request per task file: a later change (or a redelivered event) adds to it
 * instead of opening another. A branch left over from a merged or closed one is not reused.
 */
async function openPullRequest(
  gateway: WriteBackGateway,
  input: Proposal,
  reason: string,
): Promise<WriteBackResult> {
  // A valid ref whatever the spec directory holds (blanks, `..`, `~`): spec-names.ts, unchanged when valid.
  const stable = `spec-sync/${specBranchSegment(input.tasksPath.replaceAll('/', '-').replace(/\.md$/, ''))}`;
  for (const branch of [stable, `${stable}-${input.head.slice(0, 7)}`]) {
    const pullNumber = await proposeOn(gateway, input, branch, reason);
    if (pullNumber !== null) return { outcome: 'pull-request', pullNumber, changed: input.changed, reason };
  }
  throw new Error(`The write-back branches for ${input.tasksPath} exist without an open pull request`);
}

/** The pull request carrying the change on `branch`, or null when that branch is taken. */
async function proposeOn(
  gateway: WriteBackGateway,
  input: Proposal,
  branch: string,
  reason: string,
): Promise<number | null> {
  const existing = await gateway.getBranchHead(branch);
  if (existing) {
    const open = await gateway.findOpenPullRequest(branch, input.branch);
    if (open !== null) await addToBranch(gateway, input, branch, existing);
    return open;
  }
  await gateway.createBranch(branch, input.head);
  await writeOrThrow(gateway, { ...input, branch });
  return gateway.createPullRequest({
    title: input.message,
    head: branch,
    base: input.branch,
    body: `${input.prNote}\n\n${input.branch} did not take a direct commit (${reason}), so the change is proposed here.`,
  });
}

async function addToBranch(gateway: WriteBackGateway, input: Proposal, branch: string, head: string) {
  const file = await gateway.readFile(head, input.tasksPath);
  if (!file) throw new Error(`${input.tasksPath} is not on ${branch}`);
  const edit = await applyChanges(file.text, input);
  if (edit.changed.length === 0) return;
  await writeOrThrow(gateway, { ...input, branch, text: edit.text, sha: file.sha });
}

async function writeOrThrow(
  gateway: WriteBackGateway,
  input: { branch: string; tasksPath: string; text: string; sha: string; message: string },
): Promise<void> {
  const written = await gateway.writeFile({ ...input, path: input.tasksPath });
  if (written.status === 'conflict')
    throw new RetryLaterError(`${input.tasksPath} on ${input.branch} changed while it was being written`);
  if (written.status !== 'written') {
    throw new Error(`Could not write ${input.tasksPath} on ${input.branch} either: ${written.status}`);
  }
}
