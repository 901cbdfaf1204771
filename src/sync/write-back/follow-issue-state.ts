import picomatch from 'picomatch';
import type { Config } from '../../config/schema.js';
import { describeTickCommit } from '../../core/edit-tasks/edit-tasks.js';
import type { TaskStatus } from '../../core/model.js';
import { readIssueMarker } from '../../core/render/issue/issue-marker.js';
import { specLocation } from '../../core/specs/find-specs.js';
import type { FileContent, GitHubGateway, IssueSnapshot } from '../../github/gateway.js';
import type { IssueStateJob } from '../../queue/jobs.js';
import type { JobContext } from '../shared/job-context.js';
import { type StatusChange, writeTaskStatuses } from './write-task-statuses.js';

/**
 * A person closed or reopened a task issue: tasks.md follows at once (docs/sync.md, "Both ways"). The
 * person's action is the most recent word, so the job writes the state the event reports (events of one
 * repository are handled in the order they came); a sync that ran in between and undid it on the issue is
 * undone in turn. When the file already agrees nothing is written, which makes repeated events harmless.
 */
export async function followIssueState(ctx: JobContext, job: IssueStateJob): Promise<void> {
  const { gateway, config } = ctx;
  const issue = await gateway.getIssue(job.issueNumber);
  const marker = readIssueMarker(issue.body);
  const tasksPath = marker?.kind === 'task' ? taskFileOf(marker.spec, config.specs) : null;
  const log = { issueNumber: issue.number };
  if (marker?.kind !== 'task' || !tasksPath) {
    ctx.log.info(log, 'Not a task issue of a configured spec; nothing to follow');
    return;
  }
  const branch = await ctx.trackingBranch(specLocation(tasksPath));
  const acted = { state: job.state, stateReason: job.stateReason };
  const change: StatusChange = { id: marker.id, status: statusOfIssue(acted) };
  const read = await currentStatus(ctx, branch, tasksPath, marker.id);
  if (read === null) return;
  const { current, initial } = read;
  if (agrees(current, change.status)) {
    ctx.log.info({ ...log, tasksPath, current, wanted: change.status }, 'tasks.md already agrees');
    await restoreIssueState(gateway, issue, acted);
    return;
  }
  const verb = job.state === 'closed' ? 'closed' : 'reopened';
  const result = await writeTaskStatuses(
    gateway,
    {
      branch,
      tasksPath,
      changes: [change],
      message: `${describeTickCommit([change.id], undefined, change.status)} (${verb} #${issue.number})`,
      prNote: `#${issue.number} was ${verb}, so ${change.id} is marked ${change.status}.`,
      parse: ctx.parseTasks,
      initial,
    },
    config.pullRequests.writeBack,
  );
  ctx.log.info({ ...log, tasksPath, branch, result }, 'Issue state written to tasks.md');
  if (result.outcome === 'committed' || result.outcome === 'unchanged')
    await restoreIssueState(gateway, issue, acted);
  if (result.outcome === 'committed') {
    await ctx.enqueue({
      kind: 'check-spec',
      tasksPath,
      headSha: result.commitSha,
      branch,
    });
  }
}

/** Puts the issue back in the state the person left it in, if a sync changed it since (the file now agrees). */
async function restoreIssueState(
  gateway: GitHubGateway,
  issue: IssueSnapshot,
  acted: Pick<IssueSnapshot, 'state' | 'stateReason'>,
): Promise<void> {
  if (issue.state === acted.state) return;
  const reason =
    acted.state === 'open' ? 'reopened' : acted.stateReason === 'not_planned' ? 'not_planned' : 'completed';
  await gateway.updateIssue(issue.number, { state: acted.state, stateReason: reason });
}

/** Closed as not planned (or as a duplicate: the work lives elsewhere) is skipped; closed otherwise is done. */
function statusOfIssue(issue: Pick<IssueSnapshot, 'state' | 'stateReason'>): StatusChange['status'] {
  if (issue.state === 'open') return 'open';
  return issue.stateReason === 'not_planned' || issue.stateReason === 'duplicate' ? 'skipped' : 'done';
}

/** An open issue agrees with any task that is not done or skipped (open, in progress, blocked). */
function agrees(current: TaskStatus, wanted: StatusChange['status']): boolean {
  if (wanted === 'open') return current !== 'done' && current !== 'skipped';
  return current === wanted;
}

/** The task's status at the branch head, with the head and file read (the write starts from them). */
async function currentStatus(
  { gateway, parseTasks }: Pick<JobContext, 'gateway' | 'parseTasks'>,
  branch: string,
  tasksPath: string,
  id: string,
): Promise<{ current: TaskStatus; initial: { head: string; file: FileContent } } | null> {
  const initial = await gateway.readFileAtBranchHead(branch, tasksPath);
  if (!initial) return null;
  const { tasks } = await parseTasks(initial.file.text, tasksPath);
  const current = tasks.find((task) => task.id === id)?.status;
  return current === undefined ? null : { current, initial };
}

/** The task file a spec directory would have under the configured globs, or null when none fits. */
function taskFileOf(specDir: string, globs: Config['specs']): string | null {
  for (const glob of globs) {
    const candidate = `${specDir}/${glob.slice(glob.lastIndexOf('/') + 1)}`;
    if (picomatch(glob, { dot: true })(candidate)) return candidate;
  }
  return null;
}
