import type { Context } from 'probot';
import type { JobQueue } from '../queue/jobs.js';
import { repoJobOf } from './repo-job.js';

/** The marker every task issue carries; an issue without it is not spec-sync's and costs no request. */
const TASK_MARKER = '<!-- spec-sync:task';

/** A person closed or reopened a task issue: tasks.md follows (the job reads both sides first). */
export async function onIssueState(
  context: Context<'issues.closed' | 'issues.reopened'>,
  queue: JobQueue,
  isSelf: (login: string) => Promise<boolean>,
): Promise<void> {
  const { payload } = context;
  const repo = repoJobOf(payload, context.id);
  if (!repo || !payload.issue.body?.includes(TASK_MARKER)) return;
  // spec-sync's own closes and reopens follow the file already: acting on them would only echo. Another
  // bot's close (a stale-issue bot, a merge bot) is a change like a person's, and tasks.md follows it.
  if (payload.sender.type === 'Bot' && (await isSelf(payload.sender.login))) return;
  await queue.add({
    kind: 'issue-state',
    ...repo,
    issueNumber: payload.issue.number,
    state: payload.issue.state === 'closed' ? 'closed' : 'open',
    stateReason: payload.issue.state_reason ?? null,
  });
}
