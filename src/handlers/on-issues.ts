import type { Context } from 'probot';
import type { JobQueue } from '../queue/jobs.js';
import { repoJobOf } from './repo-job.js';

/** The marker every task issue carries; an issue without it is not spec-sync's and costs no request. */
const TASK_MARKER = '<!-- spec-sync:task';

/** A person closed or reopened a task issue: tasks.md follows (the job reads both sides first). */
export async function onIssueState(
  context: Context<'issues.closed' | 'issues.reopened'>,
  queue: JobQueue,
): Promise<void> {
  const { payload } = context;
  const repo = repoJobOf(payload, context.id);
  if (!repo || !payload.issue.body?.includes(TASK_MARKER)) return;
  await queue.add({
    kind: 'issue-state',
    ...repo,
    issueNumber: payload.issue.number,
    state: payload.issue.state === 'closed' ? 'closed' : 'open',
    stateReason: payload.issue.state_reason ?? null,
    // Whether a bot is this app is asked by the job (a request), not here on the webhook's answering path.
    ...(payload.sender.type === 'Bot' ? { botSender: payload.sender.login } : {}),
  });
}
