import type { Config } from '../../config/schema.js';
import { findOwnIssues } from '../../core/plan/find-own-issues.js';
import { specLabel, specNameOf } from '../../core/plan/issue-labels.js';
import type { IssueSnapshot, IssuesAndLabels } from '../../github/gateway.js';

/** A spec's task issues as one listing by its label shows them. */
export interface TaskIssues {
  /** Every issue carrying the spec's label, as listed. */
  listed: IssueSnapshot[];
  /** By task ID: the canonical issue when a task has duplicates (find-own-issues.ts decides which). */
  byTask: Map<string, IssueSnapshot>;
  /** Open issues carrying the spec's label. */
  openCount: number;
}

const NONE: TaskIssues = { listed: [], byTask: new Map(), openCount: 0 };

/** One listing of a spec's issues; none (and no request) with issues off. */
export async function readTaskIssues(
  gateway: IssuesAndLabels,
  config: Config,
  specDir: string,
): Promise<TaskIssues> {
  if (!config.issues.enabled) return NONE;
  const listed = await gateway.listIssuesWithLabel(specLabel(specNameOf(specDir), config.issues.labels));
  return taskIssuesOf(listed, specDir);
}

export function taskIssuesOf(listed: IssueSnapshot[], specDir: string): TaskIssues {
  const byNumber = new Map(listed.map((issue) => [issue.number, issue]));
  const own = findOwnIssues(listed, specDir).byTask;
  return {
    listed,
    byTask: new Map([...own].map(([id, issue]) => [id, byNumber.get(issue.number)!])),
    openCount: listed.filter((issue) => issue.state === 'open').length,
  };
}

/** A spec's task issues by task ID (the canonical one when a task has duplicates); empty with issues off. */
export async function listTaskIssues(
  gateway: IssuesAndLabels,
  config: Config,
  specDir: string,
): Promise<Map<string, IssueSnapshot>> {
  return (await readTaskIssues(gateway, config, specDir)).byTask;
}
