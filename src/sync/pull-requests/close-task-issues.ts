import type { IssueSnapshot, IssuesAndLabels } from '../../github/gateway.js';

/** The hidden marker of the "Done in #45." comment, so a redelivered merge does not say it twice. */
function doneCommentMarker(pullNumber: number): string {
  return `<!-- spec-sync:done-in ${pullNumber} -->`;
}

/**
 * Closes the open issues of tasks a merge settled, each as completed with a comment linking the pull
 * request. The comment goes first: a job that stops between the two finds the issue still open next time
 * and finishes it, without a second comment. Closed issues are left as they are.
 */
export async function closeTaskIssues(
  gateway: IssuesAndLabels,
  issues: ReadonlyMap<string, IssueSnapshot>,
  ids: readonly string[],
  pullNumber: number,
): Promise<number[]> {
  const closed: number[] = [];
  for (const id of ids) {
    const issue = issues.get(id);
    if (!issue || issue.state === 'closed') continue;
    const marker = doneCommentMarker(pullNumber);
    await gateway.ensureComment(issue.number, marker, `${marker}\nDone in #${pullNumber}.`);
    await gateway.updateIssue(issue.number, { state: 'closed', stateReason: 'completed' });
    closed.push(issue.number);
  }
  return closed;
}
