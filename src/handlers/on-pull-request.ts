import type { Context } from 'probot';
import type { JobQueue } from '../queue/jobs.js';
import { repoJobOf } from './repo-job.js';

/** Only a real merge ticks tasks; an open PR keeps a comment saying what its merge will do. */
export type PullRequestEvent =
  | 'pull_request.closed'
  | 'pull_request.opened'
  | 'pull_request.reopened'
  | 'pull_request.edited'
  | 'pull_request.synchronize';

export async function onPullRequest(context: Context<PullRequestEvent>, queue: JobQueue): Promise<void> {
  const { payload } = context;
  const repo = repoJobOf(payload, context.id);
  if (!repo) return;
  const base = { ...repo, pullNumber: payload.pull_request.number };
  if (payload.action === 'closed') {
    if (payload.pull_request.merged) await queue.add({ kind: 'pull-request-merged', ...base });
    return;
  }
  if (payload.pull_request.state === 'open') await queue.add({ kind: 'pull-request-open', ...base });
}
