import type { Config } from '../../config/schema.js';
import type { IgnoredReferences } from '../../core/refs/find-task-references.js';
import { MAX_PULL_REQUEST_IDS } from '../../core/refs/reference-budget.js';
import { describeAmbiguity, type ResolvedTask } from '../../core/refs/resolve-references.js';
import {
  isEmptyView,
  PR_TASKS_MARKER,
  type PullRequestCommentView,
  type PullRequestTaskLine,
  renderPullRequestComment,
} from '../../core/render/pull-request/render-pr-comment.js';
import type { GitHubGateway, IssueSnapshot } from '../../github/gateway.js';
import { listTaskIssues } from '../shared/task-issues.js';
import { builtinTemplate } from '../shared/templates.js';
import type { PullRequestTasks } from './resolve-tasks.js';

/** Task issues by spec directory, then task ID. */
export type TaskIssuesBySpec = Map<string, Map<string, IssueSnapshot>>;

/** The task issues of every spec the resolved tasks belong to: one listing per spec. */
export async function loadTaskIssues(
  gateway: GitHubGateway,
  config: Config,
  tasks: readonly ResolvedTask[],
): Promise<TaskIssuesBySpec> {
  const bySpec: TaskIssuesBySpec = new Map();
  for (const specDir of new Set(tasks.map((task) => task.specDir))) {
    bySpec.set(specDir, await listTaskIssues(gateway, config, specDir));
  }
  return bySpec;
}

/** What the comment says: tasks closed and mentioned, references that did not resolve, notes. */
export function commentView(
  found: PullRequestTasks,
  issues: TaskIssuesBySpec,
  options: { merged: boolean; notes: string[] },
): PullRequestCommentView {
  const line = (task: ResolvedTask): PullRequestTaskLine => ({
    specDir: task.specDir,
    id: task.taskId,
    title: found.index?.title(task.specDir, task.taskId) ?? null,
    url: issues.get(task.specDir)?.get(task.taskId)?.htmlUrl ?? null,
  });
  const { tasks, ambiguous, unresolved } = found.resolved;
  return {
    merged: options.merged,
    closes: tasks.filter((task) => task.intent === 'close').map(line),
    mentions: tasks.filter((task) => task.intent === 'mention').map(line),
    ambiguous: describeAmbiguity(ambiguous)
      .split('\n')
      .filter((sentence) => sentence !== ''),
    // `#12` naming an ordinary issue is the PR's own business, not a task reference gone wrong.
    unresolved: [...new Set(unresolved.filter((ref) => ref.id !== null).map((ref) => ref.raw))],
    notes: [...ignoredNotes(found.ignored), ...options.notes],
  };
}

/** What the pull request named past the budget, said in the comment so nobody wonders why it was not ticked. */
function ignoredNotes(ignored: IgnoredReferences): string[] {
  const notes: string[] = [];
  if (ignored.references > 0) {
    const examples = ignored.samples.map((sample) => `\`${sample}\``).join(', ');
    notes.push(
      `${count(ignored.references, 'reference')} (${count(ignored.ids, 'task ID')}) past the limit of ${MAX_PULL_REQUEST_IDS} task IDs per pull request were ignored${examples ? `, starting with ${examples}` : ''}.`,
    );
  }
  if (ignored.unreadCharacters > 0)
    notes.push(
      `${count(ignored.unreadCharacters, 'character')} past the 65,536 read of each text were not read.`,
    );
  return notes;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Keeps the one spec-sync comment on a pull request up to date. A PR with nothing to say gets no new
 * comment, but an earlier one is updated (the references may have been edited away).
 */
export async function ensurePullRequestComment(
  gateway: GitHubGateway,
  config: Config,
  pullNumber: number,
  view: PullRequestCommentView,
): Promise<'created' | 'updated' | 'unchanged' | 'absent' | 'off'> {
  if (!config.pullRequests.comment) return 'off';
  const body = renderPullRequestComment(view, builtinTemplate('pr-comment.md.hbs'), {
    allowMentions: config.allowMentions,
  });
  return gateway.ensureComment(pullNumber, PR_TASKS_MARKER, body, { onlyUpdate: isEmptyView(view) });
}
