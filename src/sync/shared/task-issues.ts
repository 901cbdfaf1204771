import type { Config } from '../../config/schema.js';
import { findOwnIssues } from '../../core/plan/find-own-issues.js';
import { specLabel, specNameOf } from '../../core/plan/issue-labels.js';
import type { GitHubGateway, IssueSnapshot } from '../../github/gateway.js';

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
