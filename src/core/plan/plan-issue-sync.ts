import type { Task } from '../model.js';
import { mergeIssueBody } from '../render/issue/issue-body.js';
import { isStructureKey } from '../structure/structure-record.js';
import { findOwnIssues, normaliseSpecDir } from './find-own-issues.js';
import { labelSpec, uniqueLabels } from './issue-labels.js';
import type { ActualIssue, CreateOp, IssuePlan, PlanIssueSyncInput, UpdateOp } from './issue-plan.js';
import { desiredState, stateChanges } from './issue-state.js';
import { planTaskUpdate } from './plan-task-issue.js';
import { type IssueRenderContext, type RenderedIssue, renderTaskIssue } from './render-task-issue.js';

export type * from './issue-plan.js';
export { isEmptyPlan } from './issue-plan.js';

/**
 * Desired issues (one per task) against the issues GitHub has → the writes that close the gap, as a value.
 * Level-triggered: planning again after applying the plan gives an empty plan.
 */
export function planIssueSync(input: PlanIssueSyncInput): IssuePlan {
  const plan: IssuePlan = {
    creates: [],
    updates: [],
    comments: [],
    labels: [],
    issueNumbers: {},
    warnings: [],
  };
  if (!input.config.enabled) return plan;
  const specDir = normaliseSpecDir(input.specDir);
  const own = findOwnIssues(input.actual, specDir);
  const tasks = firstOfEachId(input.doc.tasks, input.tasksPath, plan.warnings);
  plan.warnings.unshift(...own.warnings);
  const known = new Map([...own.byTask].map(([id, issue]) => [id, issue.number]));
  const ctx: IssueRenderContext = { ...input, specDir, issueNumbers: known };
  const created = tasks.filter((task) => !own.byTask.has(task.id)).map((task) => task.id);
  const wanted = new Map<string, string[]>();
  for (const task of tasks) {
    const issue = own.byTask.get(task.id);
    const rendered = renderTaskIssue(task, ctx);
    wanted.set(task.id, rendered.labels);
    if (issue)
      addUpdate(plan, planTaskUpdate(task, issue, rendered, input.config.labels, linksTo(task, created)));
    else planCreate(plan, task, rendered, created);
  }
  planRemovals(plan, own.byTask, new Set(tasks.map((task) => task.id)), input.tasksPath);
  plan.labels = usedLabels(plan, wanted, input);
  plan.issueNumbers = Object.fromEntries(known);
  return plan;
}

/**
 * What the applier sends for a task, rendered with the issue numbers known at that moment. `currentBody` is
 * the issue's body now; null means the body it had when listed (`input.actual`), or none for a new issue.
 * Either way text people added outside spec-sync's section stays.
 */
export function renderPlannedIssue(
  input: PlanIssueSyncInput,
  taskId: string,
  issueNumbers: ReadonlyMap<string, number>,
  currentBody: string | null,
): RenderedIssue | null {
  const task = input.doc.tasks.find((candidate) => candidate.id === taskId);
  if (!task) return null;
  const specDir = normaliseSpecDir(input.specDir);
  const rendered = renderTaskIssue(task, { ...input, specDir, issueNumbers });
  const base = currentBody ?? findOwnIssues(input.actual, specDir).byTask.get(taskId)?.body ?? null;
  return { ...rendered, body: mergeIssueBody(base, rendered.section, rendered.marker) };
}

function planCreate(plan: IssuePlan, task: Task, rendered: RenderedIssue, created: readonly string[]): void {
  const op: CreateOp = { kind: 'create', taskId: task.id, ...pick(rendered) };
  plan.creates.push(op);
  // Issues are created in file order, so only dependencies created later need a second look.
  const later = created.slice(created.indexOf(task.id) + 1);
  const changes = stateChanges({ state: 'open', stateReason: null }, desiredState(task.status));
  const why = Object.keys(changes).filter((key) => key !== 'stateReason');
  const renderAfterCreates = linksTo(task, later);
  if (why.length > 0 || renderAfterCreates) {
    plan.updates.push({ kind: 'update', number: null, taskId: task.id, changes, renderAfterCreates, why });
  }
}

function pick(rendered: RenderedIssue): Pick<CreateOp, 'title' | 'body' | 'labels'> {
  return { title: rendered.title, body: rendered.body, labels: rendered.labels };
}

/** A task that left tasks.md: its open issue is closed as not planned, with a comment saying why. */
function planRemovals(
  plan: IssuePlan,
  byTask: ReadonlyMap<string, ActualIssue>,
  taskIds: ReadonlySet<string>,
  tasksPath: string,
): void {
  for (const [id, issue] of byTask) {
    // Phase, part and story issues are the structure's (src/sync/issues/apply-structure.ts), not tasks.
    if (taskIds.has(id) || isStructureKey(id) || issue.state === 'closed') continue;
    const changes = { state: 'closed', stateReason: 'not_planned' } as const;
    plan.updates.push({
      kind: 'update',
      number: issue.number,
      taskId: id,
      changes,
      renderAfterCreates: false,
      why: ['removed from tasks.md'],
    });
    plan.comments.push({
      kind: 'comment',
      number: issue.number,
      taskId: id,
      body: removedComment(id, tasksPath),
    });
  }
}

export function removedComment(id: string, tasksPath: string): string {
  return (
    `${id} was removed from ${tasksPath}, so this issue is closed as not planned. ` +
    'It reopens if the task comes back.'
  );
}

function addUpdate(plan: IssuePlan, op: UpdateOp | null): void {
  if (op) plan.updates.push(op);
}

/** Whether the task's body links to (depends on, or is part of) one of these tasks. */
function linksTo(task: Task, ids: readonly string[]): boolean {
  return [...task.dependsOn, task.parent].some((linked) => linked !== null && ids.includes(linked));
}

/** A task ID written twice has one issue: the first occurrence's. The parser reports the duplicate too. */
function firstOfEachId(tasks: readonly Task[], tasksPath: string, warnings: string[]): Task[] {
  const first = new Map<string, Task>();
  for (const task of tasks) {
    const earlier = first.get(task.id);
    if (!earlier) first.set(task.id, task);
    else
      warnings.push(
        `${task.id} appears more than once in ${tasksPath} (lines ${earlier.line} and ${task.line}); ` +
          'only the first has an issue.',
      );
  }
  return [...first.values()];
}

/** spec-sync's labels that the plan puts on issues: those of every created issue and every label update. */
function usedLabels(
  plan: IssuePlan,
  wanted: ReadonlyMap<string, string[]>,
  input: PlanIssueSyncInput,
): IssuePlan['labels'] {
  const writers = [...plan.creates, ...plan.updates.filter((op) => op.changes.labels !== undefined)];
  const names = writers.flatMap((op) => wanted.get(op.taskId) ?? []);
  return uniqueLabels(names).map((name) => labelSpec(name, input.config.labels));
}
