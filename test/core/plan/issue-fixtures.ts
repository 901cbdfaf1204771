import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../../../src/config/schema.js';
import type { Phase, SpecDocument, Task } from '../../../src/core/model.js';
import {
  type ActualIssue,
  type IssuePlan,
  type PlanIssueSyncInput,
  renderPlannedIssue,
} from '../../../src/core/plan/plan-issue-sync.js';
import { taskWith } from '../task-factory.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The shipped body template, read as the sync layer reads it. */
export const bodyTemplate = readFileSync(join(root, 'templates', 'issue-body.md.hbs'), 'utf8');

export function makeTask(fields: Partial<Task> & Pick<Task, 'id' | 'title' | 'line'>): Task {
  return taskWith(fields);
}

export function makePhase(fields: Partial<Phase> & Pick<Phase, 'id' | 'name' | 'line'>): Phase {
  return {
    number: null,
    kind: 'other',
    story: null,
    blockedBy: [],
    blockedBySource: 'none',
    ...fields,
  };
}

export function makeDoc(
  tasks: Task[],
  phases: Phase[] = [],
  path = 'specs/002-billing/tasks.md',
): SpecDocument {
  return {
    path,
    dialect: 'speckit',
    frontmatter: {},
    title: null,
    phases,
    tasks,
    checkpoints: [],
    findings: [],
  };
}

export function makeInput(doc: SpecDocument, actual: ActualIssue[] = [], specDir = 'specs/002-billing') {
  return {
    specDir,
    tasksPath: `${specDir}/tasks.md`,
    branch: 'main',
    htmlBase: 'https://github.com/o/r',
    doc,
    actual,
    config: defaultConfig.issues,
    templates: { body: bodyTemplate },
  } satisfies PlanIssueSyncInput;
}

/**
 * Applies a plan to an in-memory issue list the way an applier does against GitHub: creates in order (each
 * rendered with the numbers made so far), then updates, then comments. Returns the new list and the comments.
 */
export function applyPlan(
  plan: IssuePlan,
  input: PlanIssueSyncInput,
  firstNumber = 100,
): { issues: ActualIssue[]; comments: Array<{ number: number; body: string }> } {
  const issues = input.actual.map((issue) => ({ ...issue, labels: [...issue.labels] }));
  const numbers = new Map(Object.entries(plan.issueNumbers));
  let next = firstNumber;
  for (const op of plan.creates) {
    const rendered = renderPlannedIssue(input, op.taskId, numbers, null)!;
    issues.push({
      number: next,
      title: rendered.title,
      body: rendered.body,
      state: 'open',
      stateReason: null,
      labels: rendered.labels,
    });
    numbers.set(op.taskId, next++);
  }
  for (const op of plan.updates) {
    const number = op.number ?? numbers.get(op.taskId)!;
    const issue = issues.find((candidate) => candidate.number === number)!;
    const body = op.renderAfterCreates
      ? renderPlannedIssue(input, op.taskId, numbers, issue.body)!.body
      : undefined;
    const { stateReason, ...changes } = op.changes;
    Object.assign(issue, changes, body === undefined ? {} : { body });
    if (changes.state === 'open') issue.stateReason = 'reopened';
    if (stateReason) issue.stateReason = stateReason;
  }
  return { issues, comments: plan.comments.map(({ number, body }) => ({ number, body })) };
}
