import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type StoredCheckRun, webhooks } from '../github-sim/index.js';
import { type Harness, startHarness } from './harness.js';

const TASKS = 'specs/002-billing/tasks.md';
const DOCS = { 'specs/002-billing/spec.md': '# Spec\n', 'specs/002-billing/plan.md': '# Plan\n' };

// T003 (Phase 3, a user story) is done while T002 (Phase 2, Foundational) is open: line 13 breaks the order.
const outOfOrder = `# Tasks: Billing

## Phase 1: Setup

- [x] T001 Create project structure

## Phase 2: Foundational (Blocking Prerequisites)

- [ ] T002 Create Invoice model in src/billing/invoice.ts

## Phase 3: User Story 1 - Pay an invoice (Priority: P1)

- [x] T003 [US1] Add the pay endpoint in src/billing/pay.ts
- [ ] T004 [US1] Add the receipt email
`;

const inOrder = `# Tasks: Billing

## Phase 1: Setup

- [x] T001 Create project structure

## Phase 2: Foundational

- [x] T002 Create Invoice model

## Phase 3: User Story 1 - Pay an invoice

- [ ] T003 [US1] Add the pay endpoint
`;

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

async function pushAndSettle(files: Record<string, string>, branch?: string): Promise<string> {
  const { sha, status } = await harness.sim.push({
    repo: harness.repo,
    branch,
    files,
    deliverTo: harness.app,
  });
  expect(status).toBe(200);
  await harness.idle();
  return sha;
}

function runs(): StoredCheckRun[] {
  return harness.sim.repo(harness.repo).checkRuns;
}

function onlyRun(name: string, sha: string): StoredCheckRun {
  const found = runs().filter((run) => run.name === name && run.headSha === sha);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Every run spec-sync started ended, and every request matched GitHub's schema. */
function expectSettled(): void {
  expect(runs().filter((run) => run.status !== 'completed')).toEqual([]);
  expect(harness.sim.violations).toEqual([]);
}

describe('the check run of a pushed spec', () => {
  it('fails a user-story task done before the foundational phase, on the line of that task', async () => {
    const sha = await pushAndSettle({ [TASKS]: outOfOrder, ...DOCS });
    const run = onlyRun('spec-sync: 002-billing', sha);
    const message =
      'T003 is done before Phase 2: Foundational (Blocking Prerequisites) is complete; T002 still open.';
    expect(run.conclusion).toBe('failure');
    expect(run.externalId).toBe(TASKS);
    expect(run.output.title).toBe(`Phase order: ${message} · 2/4 done`);
    expect(run.output.summary).toContain('| Setup | 1/1 | `▓▓▓▓▓▓▓▓▓▓` 100% |');
    expect(run.output.summary).toContain('| Foundational (Blocking Prerequisites) | 0/1 | `░░░░░░░░░░` 0% |');
    expect(run.output.summary).toContain(
      '| User Story 1 - Pay an invoice (Priority: P1) | 1/2 | `▓▓▓▓▓░░░░░` 50% |',
    );
    expect(run.output.summary).toContain('| ❌ Phase order (`phaseOrder`) | error | 1 problem |');
    // The sync opened the issues and re-checked: the open task that blocks T003 links to its issue and line.
    const t002 = harness.sim.repo(harness.repo).issues.find((issue) => issue.title.startsWith('T002'));
    expect(run.output.summary).toContain(
      `- [T002](${harness.sim.url}/${harness.repo}/issues/${t002?.number}) Create Invoice model in src/billing/invoice.ts ([line 9](${harness.sim.url}/${harness.repo}/blob/${sha}/${TASKS}#L9))`,
    );
    expect(run.annotations).toEqual([
      {
        path: TASKS,
        start_line: 13,
        end_line: 13,
        annotation_level: 'failure',
        message,
        title: 'spec-sync: Phase order',
      },
    ]);
    expect(run.actions.map((action) => action.identifier)).toEqual(['sync-issues']);
    expectSettled();
  });

  it('passes a spec whose done work follows the phase order', async () => {
    const sha = await pushAndSettle({ [TASKS]: inOrder, ...DOCS });
    const run = onlyRun('spec-sync: 002-billing', sha);
    expect(run.conclusion).toBe('success');
    expect(run.output.title).toBe('All gates hold · 2/3 done');
    expect(run.output.summary).toContain('| ✅ Phase order (`phaseOrder`) | error | holds |');
    expect(run.annotations).toEqual([]);
    expectSettled();
  });

  it('sends 120 annotations in batches of 50 and keeps them all, in file order', async () => {
    // T002…T121 are done in Phase 2 while Phase 1's T001 is open: lines 9…128, one problem each.
    const done = Array.from({ length: 120 }, (_, index) => {
      const id = `T${String(index + 2).padStart(3, '0')}`;
      return `- [x] ${id} Build part ${index + 2}`;
    });
    const tasks = `# Tasks: Bulk\n\n## Phase 1: Setup\n\n- [ ] T001 Create project structure\n\n## Phase 2: Foundational\n\n${done.join('\n')}\n`;
    harness.sim.resetLog();
    const sha = await pushAndSettle({ [TASKS]: tasks, ...DOCS });
    const run = onlyRun('spec-sync: 002-billing', sha);
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toBe(
      'Phase order: 120 problems, first: T002 is done before Phase 1: Setup is complete; T001 still open. · 120/121 done',
    );
    expect(run.annotations).toHaveLength(120);
    expect(run.annotations.map((annotation) => annotation.start_line)).toEqual(
      Array.from({ length: 120 }, (_, index) => index + 9),
    );
    expect(run.annotations[119]?.message).toBe(
      'T121 is done before Phase 1: Setup is complete; T001 still open.',
    );
    const updates = harness.sim.log.filter(
      (entry) => entry.method === 'PATCH' && entry.route?.endsWith('/check-runs/{check_run_id}'),
    );
    // 120 annotations need at least three updates of 50; the simulator answers 422 to a bigger batch.
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates.filter((entry) => entry.status !== 200)).toEqual([]);
    expectSettled();
  });
});

describe('a check run that cannot pass', () => {
  it('reports a broken config on its own failing run, at the offending line, and opens no issues', async () => {
    const config = 'issues:\n  enabled: true\ngates:\n  phaseOrder: loud\n';
    const sha = await pushAndSettle({ '.github/spec-sync.yml': config, [TASKS]: inOrder, ...DOCS });
    const run = onlyRun('spec-sync: configuration', sha);
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toBe('Invalid .github/spec-sync.yml: 1 problem');
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]).toMatchObject({
      path: '.github/spec-sync.yml',
      start_line: 4,
      end_line: 4,
      annotation_level: 'failure',
    });
    expect(run.annotations[0]?.message).toMatch(/^gates\.phaseOrder: /);
    expect(runs().map((each) => each.name)).toEqual(['spec-sync: configuration']);
    // GitHub asking again for the same commit updates that run; its annotation is not added twice.
    const suite = webhooks.checkSuitePayload(
      harness.sim.state,
      harness.sim.repo(harness.repo).state,
      sha,
      'main',
      'requested',
    );
    expect(await webhooks.deliver(harness.app.url, harness.app.secret, 'check_suite', suite)).toBe(200);
    await harness.idle();
    expect(onlyRun('spec-sync: configuration', sha).annotations).toHaveLength(1);
    expect(harness.sim.repo(harness.repo).issues).toEqual([]);
    expectSettled();
  });

  it('fails a tasks.md that is not text, with an annotation, and opens no issues', async () => {
    const binary = '# Tasks\n\u0000\u0000\u0001PK\u0003\u0004\n- [x] T001 Looks like a task\n';
    const sha = await pushAndSettle({ [TASKS]: binary, ...DOCS });
    const run = onlyRun('spec-sync: 002-billing', sha);
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toBe(`Cannot check ${TASKS}`);
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]).toMatchObject({ path: TASKS, start_line: 1, annotation_level: 'failure' });
    expect(run.annotations[0]?.message).toContain('not UTF-8 text');
    expect(harness.sim.repo(harness.repo).issues).toEqual([]);
    expectSettled();
  });
});

describe('a push on a branch that issues do not track', () => {
  it('checks the feature commit and leaves the issues alone', async () => {
    await pushAndSettle({ [TASKS]: inOrder, ...DOCS });
    const before = harness.sim
      .repo(harness.repo)
      .issues.map(({ number, state, body }) => ({ number, state, body }));
    expect(before).toHaveLength(3);
    harness.sim.resetLog();
    const ticked = inOrder.replace('- [ ] T003', '- [x] T003');
    const sha = await pushAndSettle({ [TASKS]: ticked }, 'feature/x');
    const run = onlyRun('spec-sync: 002-billing', sha);
    expect(run.conclusion).toBe('success');
    expect(run.output.title).toBe('All gates hold · 3/3 done');
    const after = harness.sim
      .repo(harness.repo)
      .issues.map(({ number, state, body }) => ({ number, state, body }));
    expect(after).toEqual(before);
    const issueWrites = harness.sim.log.filter(
      (entry) => entry.method !== 'GET' && entry.route?.includes('/issues'),
    );
    expect(issueWrites).toEqual([]);
    expectSettled();
  });
});
