import type { Config } from '../../config/schema.js';
import { describeTickCommit } from '../../core/edit-tasks/edit-tasks.js';
import type { SpecLocation } from '../../core/specs/find-specs.js';
import type { IssueSnapshot } from '../../github/gateway.js';
import type { PullRequestMergedJob } from '../../queue/jobs.js';
import type { JobContext } from '../shared/job-context.js';
import { writeTaskStatuses } from '../write-back/write-task-statuses.js';
import { closeTaskIssues } from './close-task-issues.js';

export interface TickSpecInput {
  job: PullRequestMergedJob;
  config: Config;
  spec: SpecLocation;
  ids: string[];
  issues: ReadonlyMap<string, IssueSnapshot>;
}

/**
 * One spec's part of a merge: one commit ticking its boxes on the tracking branch, then its task issues
 * closed. Issues close only for boxes the file now shows done, since the file decides the issues' state
 * (a close the file does not back would be reopened by the next sync). Returns a note for the PR comment
 * when the ticks did not land directly.
 */
export async function tickSpec(ctx: JobContext, input: TickSpecInput): Promise<string | null> {
  const { job, spec, config } = input;
  const { gateway } = ctx;
  const branch = await ctx.trackingBranch(spec);
  const result = await writeTaskStatuses(
    gateway,
    {
      branch,
      tasksPath: spec.tasksPath,
      changes: input.ids.map((id) => ({ id, status: 'done' })),
      message: (changed) => describeTickCommit(changed, job.pullNumber),
      prNote: `Marks the tasks that #${job.pullNumber} closed as done.`,
      parse: ctx.parseTasks,
    },
    config.pullRequests.writeBack,
  );
  const log = { pullNumber: job.pullNumber, tasksPath: spec.tasksPath, branch };
  switch (result.outcome) {
    case 'committed':
      ctx.log.info({ ...log, commitSha: result.commitSha, changed: result.changed }, 'Tasks ticked');
      await ctx.enqueue({
        kind: 'check-spec',
        tasksPath: spec.tasksPath,
        headSha: result.commitSha,
        branch,
      });
      await closeTaskIssues(gateway, input.issues, result.settled, job.pullNumber);
      return null;
    case 'unchanged':
      await closeTaskIssues(gateway, input.issues, result.settled, job.pullNumber);
      return null;
    case 'pull-request':
      ctx.log.warn({ ...log, pull: result.pullNumber, reason: result.reason }, 'Ticks proposed in a PR');
      // A link, not a bare `#N`: the comment's text rule makes bare references inert.
      return `${branch} did not take a direct commit, so marking ${result.changed.join(', ')} done in ${spec.tasksPath} is proposed in [#${result.pullNumber}](${(await ctx.repository()).htmlUrl}/pull/${result.pullNumber}); the task issues close once it merges.`;
    case 'off':
      ctx.log.info(log, 'Write-back is off; tasks.md left as it is');
      return `\`pullRequests.writeBack\` is off, so ${spec.tasksPath} was left as it is.`;
    case 'missing':
      ctx.log.warn({ ...log, reason: result.reason }, 'Tasks not ticked');
      return `Nothing was ticked in ${spec.dir}: ${result.reason}.`;
  }
}
