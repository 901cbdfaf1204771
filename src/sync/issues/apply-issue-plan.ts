import { findOwnIssues } from '../../core/plan/find-own-issues.js';
import { isOwnedLabel, sameLabels, uniqueLabels } from '../../core/plan/issue-labels.js';
import {
  type IssuePlan,
  type PlanIssueSyncInput,
  renderPlannedIssue,
} from '../../core/plan/plan-issue-sync.js';
import { sameBody } from '../../core/render/issue/issue-body.js';
import type { GitHubGateway, IssueSnapshot } from '../../github/gateway.js';
import { createOnce, RECHECK_MARGIN_MS } from '../shared/create-once.js';
import type { Logger } from '../shared/services.js';

export interface ApplyCounts {
  created: number;
  updated: number;
  commented: number;
  labelsCreated: number;
  adopted: number;
}

export interface ApplyContext {
  gateway: GitHubGateway;
  input: PlanIssueSyncInput;
  specLabel: string;
  /** When the issue listing the plan was made from started: the re-check before creating reads from here. */
  listedAt: Date;
  log: Logger;
  /** Told of each issue the plan created (or found created meanwhile), for the structure applied next. */
  onCreated?: (issue: IssueSnapshot) => void;
}

/** Executes a plan: labels, then creates in file order, then updates, then comments. */
export async function applyIssuePlan(plan: IssuePlan, ctx: ApplyContext): Promise<ApplyCounts> {
  const counts: ApplyCounts = { created: 0, updated: 0, commented: 0, labelsCreated: 0, adopted: 0 };
  // Labels matter only to the writes that set them: a plan that only closes or edits text reads none.
  if (plan.creates.length > 0 || plan.updates.some((op) => op.changes.labels || op.renderAfterCreates))
    counts.labelsCreated = await ctx.gateway.ensureLabels(plan.labels);
  const numbers = new Map(Object.entries(plan.issueNumbers));
  // The body each issue has now, so a re-render after the creates is sent only when it differs.
  const bodies = new Map<string, string | null>(
    ctx.input.actual.flatMap((issue) => {
      const taskId = Object.keys(plan.issueNumbers).find((id) => plan.issueNumbers[id] === issue.number);
      return taskId ? [[taskId, issue.body] as const] : [];
    }),
  );
  if (plan.creates.length > 0) {
    const existing = await recheck(ctx);
    await relabelStrays(
      ctx,
      existing,
      plan.creates.map((op) => op.taskId),
    );
    for (const op of plan.creates) {
      const found = existing.get(op.taskId);
      if (found) {
        // Another run created it after our listing: use it, never a second one.
        numbers.set(op.taskId, found.number);
        bodies.set(op.taskId, found.body);
        counts.adopted += 1;
        ctx.onCreated?.(found);
        continue;
      }
      const issue = await createTaskIssue(ctx, op.taskId, numbers, op.title, op.labels);
      numbers.set(op.taskId, issue.number);
      bodies.set(op.taskId, issue.body);
      counts.created += 1;
      ctx.onCreated?.(issue);
    }
  }
  for (const op of plan.updates) {
    const number = op.number ?? numbers.get(op.taskId);
    if (number === undefined) continue;
    const changes = { ...op.changes };
    if (op.renderAfterCreates) {
      const rendered = renderPlannedIssue(ctx.input, op.taskId, numbers, bodies.get(op.taskId) ?? null);
      if (rendered && !sameBody(rendered.body, bodies.get(op.taskId) ?? null)) changes.body = rendered.body;
    }
    if (changes.labels) changes.labels = await freshLabels(ctx, number, changes.labels);
    if (!changes.labels) delete changes.labels;
    if (Object.keys(changes).length === 0) continue;
    await ctx.gateway.updateIssue(number, changes);
    counts.updated += 1;
  }
  for (const op of plan.comments) {
    await ctx.gateway.commentOnIssue(op.number, op.body);
    counts.commented += 1;
  }
  return counts;
}

/**
 * A task issue whose spec label a person removed is invisible to the listing by label, and would be made
 * again. Before creating, look among the issues spec-sync itself opened (their author is known from the
 * listing) for markers of the tasks about to be created, and put the label back on any found.
 */
async function relabelStrays(
  ctx: ApplyContext,
  existing: Map<string, IssueSnapshot>,
  taskIds: string[],
): Promise<void> {
  const owned = [...findOwnIssues(ctx.input.actual, ctx.input.specDir).byTask.values()] as IssueSnapshot[];
  const author = owned.find((issue) => issue.author)?.author;
  if (!author) return;
  const wanted = new Set(taskIds.filter((id) => !existing.has(id)));
  if (wanted.size === 0) return;
  const mine = findOwnIssues(await ctx.gateway.listIssuesOpenedBy(author), ctx.input.specDir).byTask;
  for (const [id, issue] of mine) {
    if (!wanted.has(id)) continue;
    const stray = issue as IssueSnapshot;
    await ctx.gateway.updateIssue(stray.number, { labels: [...stray.labels, ctx.specLabel] });
    existing.set(id, stray);
    ctx.log.warn({ taskId: id, issue: stray.number }, 'Task issue had lost its spec label; label restored');
  }
}

/**
 * The labels API replaces the whole list, so a label a person added since the listing would be lost: read
 * the issue again right before writing and keep every label that is not spec-sync's. Undefined: no change.
 */
async function freshLabels(
  ctx: ApplyContext,
  number: number,
  planned: string[],
): Promise<string[] | undefined> {
  const owned = (name: string) => isOwnedLabel(name, ctx.input.config.labels);
  const fresh = await ctx.gateway.getIssue(number);
  const labels = uniqueLabels([...fresh.labels.filter((name) => !owned(name)), ...planned.filter(owned)]);
  return sameLabels(labels, fresh.labels) ? undefined : labels;
}

/** The spec's issues changed since the listing, by task ID: what another run may have created meanwhile. */
async function recheck(
  ctx: ApplyContext,
  since = new Date(ctx.listedAt.getTime() - RECHECK_MARGIN_MS),
): Promise<Map<string, IssueSnapshot>> {
  const recent = await ctx.gateway.listIssuesWithLabel(ctx.specLabel, since.toISOString());
  const own = findOwnIssues(recent, ctx.input.specDir).byTask;
  return new Map([...own].map(([id, issue]) => [id, issue as IssueSnapshot]));
}

/**
 * Creates a task's issue. If the answer is lost, GitHub may have created it anyway: it is looked for by its
 * marker before giving up (`createOnce`).
 */
async function createTaskIssue(
  ctx: ApplyContext,
  taskId: string,
  numbers: ReadonlyMap<string, number>,
  title: string,
  labels: string[],
): Promise<IssueSnapshot> {
  const rendered = renderPlannedIssue(ctx.input, taskId, numbers, null);
  const { value, recovered } = await createOnce(
    () => ctx.gateway.createIssue({ title: rendered?.title ?? title, body: rendered?.body ?? '', labels }),
    async (since) => (await recheck(ctx, since)).get(taskId),
  );
  if (recovered) ctx.log.warn({ taskId, issue: value.number }, 'Create answer lost; found the issue it made');
  return value;
}
