import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';
import { MAX_LABEL_NAME_LENGTH } from '../../../src/core/plan/issue-labels.js';
import { isEmptyPlan, planIssueSync } from '../../../src/core/plan/plan-issue-sync.js';
import { MAX_ISSUE_BODY_LENGTH } from '../../../src/core/render/issue/issue-body.js';
import { MAX_ISSUE_TITLE_LENGTH } from '../../../src/core/render/issue/issue-title.js';
import { applyPlan, makeInput } from './issue-fixtures.js';

const tasksPath = 'specs/002-billing/tasks.md';

const before = `# Tasks: Billing

## Phase 1: Setup

- [ ] T001 Create project structure
- [x] T002 [P] Configure linting in .eslintrc.json

## Phase 2: User Story 1 - Pay an invoice

- [ ] T003 [US1] Create Invoice model in src/models/invoice.py
- [ ] T004 [US1] Add the pay endpoint in src/api/pay.py (depends on T003)
`;

/** T001 ticked, T003 reworded, T004 removed, T005 added. */
const after = `# Tasks: Billing

## Phase 1: Setup

- [x] T001 Create project structure
- [x] T002 [P] Configure linting in .eslintrc.json

## Phase 2: User Story 1 - Pay an invoice

- [ ] T003 [US1] Create the Invoice model in src/models/invoice.py
- [ ] T005 [US1] Send a receipt
`;

/** `text` planned against the issues a first sync of `before` made (#100…#103). */
function inputFor(text: string) {
  const first = makeInput(parse(before));
  return makeInput(parse(text), applyPlan(planIssueSync(first), first).issues);
}

function parse(text: string) {
  return parseTasks(text, { path: tasksPath });
}

describe('planning from parsed Markdown', () => {
  it('first sync: one issue per task with the parsed phase, story and parallel labels', () => {
    const plan = planIssueSync(makeInput(parse(before)));
    expect(plan.creates.map((op) => [op.title, op.labels])).toEqual([
      ['T001 Create project structure', ['spec:002-billing', 'phase:1']],
      ['T002 Configure linting in .eslintrc.json', ['spec:002-billing', 'phase:1', 'parallel']],
      ['T003 Create Invoice model in src/models/invoice.py', ['spec:002-billing', 'phase:2', 'story:US1']],
      [
        'T004 Add the pay endpoint in src/api/pay.py (depends on T003)',
        ['spec:002-billing', 'phase:2', 'story:US1'],
      ],
    ]);
    expect(plan.updates.map((op) => [op.taskId, op.changes])).toEqual([
      ['T002', { state: 'closed', stateReason: 'completed' }],
    ]);
  });

  it('after edits: tick, retitle, remove and add, and nothing more', () => {
    const plan = planIssueSync(inputFor(after));
    expect(plan.creates.map((op) => op.title)).toEqual(['T005 Send a receipt']);
    expect(plan.updates.map((op) => [op.number, op.taskId, op.why])).toEqual([
      [100, 'T001', ['state']],
      [102, 'T003', ['title', 'body']],
      [103, 'T004', ['removed from tasks.md']],
    ]);
    expect(plan.comments.map((op) => op.number)).toEqual([103]);
  });

  it('applying the edits and planning again gives nothing to do', () => {
    const input = inputFor(after);
    const issues = applyPlan(planIssueSync(input), input, 200).issues;
    expect(isEmptyPlan(planIssueSync({ ...input, actual: issues }))).toBe(true);
  });
});

/** Real tasks.md files, read at run time (never copied here); skipped when the folder is absent. */
const corpus = new URL('../../../../shared/corpus/', import.meta.url);
const files = existsSync(corpus)
  ? readdirSync(corpus).filter((name) => name.endsWith('.md') && /^\d/.test(name))
  : [];
if (files.length === 0)
  console.warn('plan-parsed-spec: ../shared/corpus is missing, skipping the corpus tests');

// jest refuses an empty `.each` table, so without the corpus the block is skipped over a placeholder row.
(files.length > 0 ? describe : describe.skip)('the plan over the corpus', () => {
  it.each(files.length > 0 ? files : ['(no corpus)'])(
    '%s: within GitHub limits, one issue per task ID, idempotent',
    (name) => {
      const doc = parseTasks(readFileSync(new URL(name, corpus), 'utf8'), { path: tasksPath });
      const input = makeInput(doc);
      const plan = planIssueSync(input);
      expect(plan.creates).toHaveLength(new Set(doc.tasks.map((task) => task.id)).size);
      for (const op of plan.creates) {
        expect(Array.from(op.title).length).toBeLessThanOrEqual(MAX_ISSUE_TITLE_LENGTH);
        expect(op.body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY_LENGTH);
        expect(op.labels.every((label) => Array.from(label).length <= MAX_LABEL_NAME_LENGTH)).toBe(true);
      }
      const issues = applyPlan(plan, input).issues;
      expect(isEmptyPlan(planIssueSync({ ...input, actual: issues }))).toBe(true);
    },
  );
});
