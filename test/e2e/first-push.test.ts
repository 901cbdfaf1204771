import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type Harness, startHarness } from './harness.js';

const tasks = `# Tasks: Billing

## Phase 1: Setup

- [ ] T001 Create project structure in src/billing/
- [x] T002 [P] Configure linting in .eslintrc.json

## Phase 2: Foundational

- [ ] T003 [US1] Create Invoice model in src/billing/invoice.ts (depends on T001)
`;

describe('a first push of a spec', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('opens one issue per task, closes the done one, and every request passes the schema check', async () => {
    const { status } = await harness.sim.push({
      repo: harness.repo,
      files: {
        'specs/002-billing/tasks.md': tasks,
        'specs/002-billing/spec.md': '# Spec\n',
        'specs/002-billing/plan.md': '# Plan\n',
      },
      deliverTo: harness.app,
    });
    expect(status).toBe(200);
    await harness.idle();
    const issues = harness.sim.repo(harness.repo).issues;
    expect(issues.map((issue) => issue.title).sort()).toEqual([
      'T001 Create project structure in src/billing/',
      'T002 Configure linting in .eslintrc.json',
      'T003 Create Invoice model in src/billing/invoice.ts (depends on T001)',
    ]);
    const t002 = issues.find((issue) => issue.title.startsWith('T002'));
    expect(t002?.state).toBe('closed');
    expect(t002?.stateReason).toBe('completed');
    expect(harness.sim.violations).toEqual([]);
  });
});
