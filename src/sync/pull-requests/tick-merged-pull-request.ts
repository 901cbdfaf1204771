import type { ResolvedTask } from '../../core/refs/resolve-references.js';
import type { PullRequestMergedJob, PullRequestOpenJob } from '../../queue/jobs.js';
import type { JobContext } from '../shared/job-context.js';
import { commentView, ensurePullRequestComment, loadTaskIssues } from './pull-request-comment.js';
import { readPullRequest } from './read-pull-request.js';
import { resolvePullRequestTasks } from './resolve-tasks.js';
import { tickSpec } from './tick-spec.js';

/**
 * A merged pull request: the tasks it closes are ticked in tasks.md (one commit per spec) and their issues
 * closed. Level-triggered: a redelivered merge finds the boxes ticked and the issues closed, and writes nothing.
 */
export async function tickMergedPullRequest(ctx: JobContext, job: PullRequestMergedJob): Promise<void> {
  const { gateway, config } = ctx;
  const facts = await readPullRequest(gateway, job.pullNumber);
  if (!facts.merged) {
    ctx.log.info({ pullNumber: job.pullNumber }, 'Pull request not merged; nothing to tick');
    return;
  }
  const found = await resolvePullRequestTasks(gateway, config, facts, ctx);
  if (found.refs.length === 0) return;
  const issues = await loadTaskIssues(gateway, config, found.resolved.tasks);
  const notes: string[] = [];
  for (const [specDir, ids] of closedBySpec(found.resolved.tasks)) {
    const spec = found.specs.find((candidate) => candidate.dir === specDir);
    const input = { job, config, ids, issues: issues.get(specDir) ?? new Map() };
    const note = spec ? await tickSpec(ctx, { ...input, spec }) : missingSpec(specDir);
    if (note) notes.push(note);
  }
  const view = commentView(found, issues, { merged: true, notes });
  await ensurePullRequestComment(gateway, config, job.pullNumber, view);
}

/** An open pull request: keep its one comment listing what its merge will do. */
export async function describePullRequest(ctx: JobContext, job: PullRequestOpenJob): Promise<void> {
  const { gateway, config } = ctx;
  if (!config.pullRequests.comment) return;
  const facts = await readPullRequest(gateway, job.pullNumber);
  // A merged or closed PR's comment belongs to the merge job (or stays as it was).
  if (!facts.open) return;
  const found = await resolvePullRequestTasks(gateway, config, facts, ctx);
  const issues = await loadTaskIssues(gateway, config, found.resolved.tasks);
  const result = await ensurePullRequestComment(
    gateway,
    config,
    job.pullNumber,
    commentView(found, issues, { merged: false, notes: [] }),
  );
  ctx.log.debug({ pullNumber: job.pullNumber, result }, 'Pull request comment');
}

/** The IDs each spec's merge commit ticks, specs in order of first reference. */
function closedBySpec(tasks: readonly ResolvedTask[]): Map<string, string[]> {
  const bySpec = new Map<string, string[]>();
  for (const task of tasks) {
    if (task.intent !== 'close') continue;
    bySpec.set(task.specDir, [...(bySpec.get(task.specDir) ?? []), task.taskId]);
  }
  return bySpec;
}

// A task issue can name a spec that is no longer at the merge commit (moved or deleted).
function missingSpec(specDir: string): string {
  return `Nothing was ticked in ${specDir}: there is no such spec at the merge commit.`;
}
