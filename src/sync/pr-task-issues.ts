import type { Config } from '../config/schema.js';
import { findOwnIssues } from '../core/plan/find-own-issues.js';
import { specLabel, specNameOf } from '../core/plan/issue-labels.js';
import type { GitHubGateway, IssueSnapshot } from '../github/gateway.js';

/** A spec's task issues by task ID (the canonical one when a task has duplicates); empty with issues off. */
export async function listTaskIssues(
  gateway: GitHubGateway,
  config: Config,
  specDir: string,
): Promise<Map<string, IssueSnapshot>> {
  if (!config.issues.enabled) return new Map();
  const issues = await gateway.listIssuesWithLabel(specLabel(specNameOf(specDir), config.issues.labels));
  const own = findOwnIssues(issues, specDir).byTask;
  const byNumber = new Map(issues.map((issue) => [issue.number, issue]));
  return new Map([...own].map(([id, issue]) => [id, byNumber.get(issue.number)!]));
}

/** The hidden marker of the "Done in #45." comment, so a redelivered merge does not say it twice. */
export function doneCommentMarker(pullNumber: number): string {
  return `<!-- spec-sync:done-in ${pullNumber} -->`;
}

/**
 * Closes the open issues of tasks a merge settled, each as completed with a comment linking the pull
 * request. The comment goes first: a job that stops between the two finds the issue still open next time
 * and finishes it, without a second comment. Closed issues are left as they are.
 */
export async function closeTaskIssues(
  gateway: GitHubGateway,
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
    await gateway.updateIssue(issue.number, { state: 'closed', state_reason: 'completed' });
    closed.push(issue.number);
  }
  return closed;
}
