import { afterAll, describe, expect, test } from '@jest/globals';
import { parseTasks } from '../../src/core/parse/parse-tasks.js';
import { planIssueSync } from '../../src/core/plan/plan-issue-sync.js';
import { TemplateError } from '../../src/core/render/render-template.js';
import { issuePlanner } from '../../src/workers/plan-off-thread.js';
import { WorkerPool } from '../../src/workers/worker-pool.js';
import { applyPlan, makeInput } from '../core/plan/issue-fixtures.js';

const pool = new WorkerPool({ threads: 1, timeoutMs: 20_000 });
afterAll(() => pool.close());

const text = `# Tasks: Billing

## Phase 1: Setup

- [ ] T001 Create project structure
- [x] T002 [P] Configure linting in .eslintrc.json (depends on T001)
`;

function spec(tasks: number): string {
  const lines = ['# Tasks: Big', '', '## Phase 1: Setup', ''];
  for (let n = 1; n <= tasks; n += 1) lines.push(`- [ ] T${String(n).padStart(4, '0')} Task ${n}`);
  return `${lines.join('\n')}\n`;
}

describe('issuePlanner with a pool', () => {
  test('plans in a worker thread what planIssueSync plans here, first sync and after', async () => {
    const plan = issuePlanner(pool);
    const first = makeInput(parseTasks(text, { path: 'specs/002-billing/tasks.md' }));
    const offThread = await plan(first);
    expect(offThread).toEqual(planIssueSync(first));
    expect(offThread.creates.map((op) => op.taskId)).toEqual(['T001', 'T002']);
    const again = makeInput(first.doc, applyPlan(offThread, first).issues);
    expect(await plan(again)).toEqual(planIssueSync(again));
  });

  test('a template that fails while rendering rejects with the TemplateError it throws here', async () => {
    const input = {
      ...makeInput(parseTasks(text, { path: 'specs/002-billing/tasks.md' })),
      templates: { body: '{{missingHelper id}}' },
    };
    expect(() => planIssueSync(input)).toThrow(TemplateError);
    const offThread = issuePlanner(pool)(input);
    await expect(offThread).rejects.toThrow(TemplateError);
    await expect(offThread).rejects.toThrow(/issue body template/);
  });

  test('the event loop keeps turning while a large spec is planned', async () => {
    const input = makeInput(parseTasks(spec(3_000), { path: 'specs/002-billing/tasks.md' }));
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 5);
    const started = performance.now();
    const planned = await issuePlanner(pool)(input);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(planned.creates).toHaveLength(3_000);
    // Held on this thread, the interval would have fired at most once in the whole wait.
    expect(ticks).toBeGreaterThan(Math.min(5, elapsed / 50));
  });
});
