import { afterEach, describe, expect, it } from '@jest/globals';
import { commitFiles, type StoredCheckRun, webhooks } from '../github-sim/index.js';
import { type Harness, type HarnessOptions, startHarness } from './harness.js';

const BILLING = 'specs/002-billing/tasks.md';
const AUTH = 'specs/001-auth/tasks.md';
const docsOf = (dir: string) => ({ [`${dir}/spec.md`]: '# Spec\n', [`${dir}/plan.md`]: '# Plan\n' });

// T003 (a user story) is done while T002 (Foundational) is open: one phase-order problem, on line 9.
const billing = `# Tasks: Billing

## Phase 2: Foundational

- [ ] T002 Create Invoice model

## Phase 3: User Story 1 - Pay an invoice

- [x] T003 [US1] Add the pay endpoint
`;

const auth = `# Tasks: Auth

- [ ] T001 Create the auth module
- [x] T002 Add the login form
`;

const BILLING_FILES = { [BILLING]: billing, ...docsOf('specs/002-billing') };
const AUTH_FILES = { [AUTH]: auth, ...docsOf('specs/001-auth') };

let harness: Harness;

afterEach(async () => {
  await harness?.close();
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

async function push(files: Record<string, string>): Promise<string> {
  const { sha, status } = await harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
  expect(status).toBe(200);
  return sha;
}

function runsOf(name: string, sha: string): StoredCheckRun[] {
  return harness.sim
    .repo(harness.repo)
    .checkRuns.filter((run) => run.name === name && run.headSha === sha)
    .sort((a, b) => a.id - b.id);
}

async function deliverCheckRun(run: StoredCheckRun, action: 'rerequested' | 'requested_action', id?: string) {
  const repo = harness.sim.repo(harness.repo).state;
  const payload = webhooks.checkRunPayload(harness.sim.state, repo, run, action, id);
  expect(await webhooks.deliver(harness.app.url, harness.app.secret, 'check_run', payload)).toBe(200);
  await harness.idle();
}

async function deliverCheckSuite(sha: string) {
  const repo = harness.sim.repo(harness.repo).state;
  const payload = webhooks.checkSuitePayload(harness.sim.state, repo, sha, 'main', 'requested');
  expect(await webhooks.deliver(harness.app.url, harness.app.secret, 'check_suite', payload)).toBe(200);
  await harness.idle();
}

const issueTitles = () =>
  harness.sim
    .repo(harness.repo)
    .issues.map((issue) => issue.title)
    .sort();

function expectSettled(): void {
  const runs = harness.sim.repo(harness.repo).checkRuns;
  expect(runs.filter((run) => run.status !== 'completed')).toEqual([]);
  expect(harness.sim.violations).toEqual([]);
}

const PHASE_ORDER_PROBLEM = {
  path: BILLING,
  start_line: 9,
  end_line: 9,
  annotation_level: 'failure',
  message: 'T003 is done before Phase 2: Foundational is complete; T002 still open.',
  title: 'spec-sync: Phase order',
};

describe('a rerun asked from the checks tab', () => {
  it('makes a new completed run for the same commit, linking the blocking task to its issue', async () => {
    await start();
    const sha = await push(BILLING_FILES);
    await harness.idle();
    const [first] = runsOf('spec-sync: 002-billing', sha);
    expect(first?.conclusion).toBe('failure');
    await deliverCheckRun(first!, 'rerequested');
    const runs = runsOf('spec-sync: 002-billing', sha);
    expect(runs).toHaveLength(2);
    const rerun = runs[1]!;
    expect(rerun.conclusion).toBe('failure');
    expect(rerun.externalId).toBe(BILLING);
    expect(rerun.annotations).toEqual([PHASE_ORDER_PROBLEM]);
    const t002 = harness.sim.repo(harness.repo).issues.find((issue) => issue.title.startsWith('T002'));
    expect(rerun.output.summary).toContain(
      `[T002](${harness.sim.url}/${harness.repo}/issues/${t002?.number})`,
    );
    expectSettled();
  });
});

describe('the "Sync issues now" button', () => {
  it('syncs the spec, which a check suite alone does not, and reports a fresh run', async () => {
    await start();
    const sha = commitFiles(harness.sim, harness.repo, 'main', BILLING_FILES);
    await deliverCheckSuite(sha);
    const [first] = runsOf('spec-sync: 002-billing', sha);
    expect(first?.actions).toEqual([
      { label: 'Sync issues now', description: "Sync this spec's task issues", identifier: 'sync-issues' },
    ]);
    expect(issueTitles()).toEqual([]);
    await deliverCheckRun(first!, 'requested_action', 'sync-issues');
    expect(issueTitles()).toEqual(['T002 Create Invoice model', 'T003 Add the pay endpoint']);
    const runs = runsOf('spec-sync: 002-billing', sha);
    expect(runs).toHaveLength(2);
    expect(runs[1]?.conclusion).toBe('failure');
    expect(runs[1]?.annotations).toEqual([PHASE_ORDER_PROBLEM]);
    expectSettled();
  });

  it('ignores an action it does not know', async () => {
    await start();
    const sha = commitFiles(harness.sim, harness.repo, 'main', BILLING_FILES);
    await deliverCheckSuite(sha);
    const [first] = runsOf('spec-sync: 002-billing', sha);
    await deliverCheckRun(first!, 'requested_action', 'do-something-else');
    expect(runsOf('spec-sync: 002-billing', sha)).toHaveLength(1);
    expect(issueTitles()).toEqual([]);
    expectSettled();
  });
});

describe('pushes in quick succession', () => {
  it('leaves no run unfinished and checks the newest commit', async () => {
    // Slow check-run writes so that the second push arrives while the first one's check is under way.
    await start({
      sim: { faults: { rules: [{ kind: 'slow', route: '/repos/{owner}/{repo}/check-runs', delayMs: 50 }] } },
    });
    await push(BILLING_FILES);
    const fixed = billing.replace('- [ ] T002', '- [x] T002');
    const newest = await push({ [BILLING]: fixed });
    await harness.idle();
    const [run] = runsOf('spec-sync: 002-billing', newest);
    expect(run?.conclusion).toBe('success');
    expect(run?.output.title).toBe('All gates hold · 2/2 done');
    expect(run?.annotations).toEqual([]);
    expectSettled();
  });
});

describe('a check suite requested by GitHub', () => {
  it('checks every spec at a commit no push reported, without syncing issues', async () => {
    await start();
    const sha = commitFiles(harness.sim, harness.repo, 'main', { ...BILLING_FILES, ...AUTH_FILES });
    await deliverCheckSuite(sha);
    expect(runsOf('spec-sync: 002-billing', sha).map((run) => run.conclusion)).toEqual(['failure']);
    // In a flat list, the done T002 has no phase to be out of order with.
    expect(runsOf('spec-sync: 001-auth', sha).map((run) => run.conclusion)).toEqual(['success']);
    expect(issueTitles()).toEqual([]);
    expectSettled();
  });

  it('reuses the runs the push made: no duplicate run, no repeated annotation', async () => {
    await start();
    const sha = await push({ ...BILLING_FILES, ...AUTH_FILES });
    await harness.idle();
    await deliverCheckSuite(sha);
    const billingRuns = runsOf('spec-sync: 002-billing', sha);
    expect(billingRuns).toHaveLength(1);
    expect(billingRuns[0]?.annotations).toEqual([PHASE_ORDER_PROBLEM]);
    expect(runsOf('spec-sync: 001-auth', sha)).toHaveLength(1);
    expectSettled();
  });
});

describe('a check whose report fails half-way', () => {
  it('ends the broken run as failed, then reports the retry on a new run', async () => {
    const route = '/repos/{owner}/{repo}/check-runs/{check_run_id}';
    await start({ sim: { faults: { rules: [{ kind: 'server-error', method: 'PATCH', route, nth: 1 }] } } });
    const fixed = billing.replace('- [ ] T002', '- [x] T002');
    const sha = await push({ ...BILLING_FILES, [BILLING]: fixed });
    await harness.idle();
    const runs = runsOf('spec-sync: 002-billing', sha);
    expect(runs.map((run) => run.conclusion)).toEqual(['failure', 'success']);
    expect(runs[0]?.output.title).toBe(`Cannot check ${BILLING}`);
    expect(runs[0]?.annotations.map((annotation) => annotation.message)).toEqual([
      expect.stringContaining('502'),
    ]);
    expect(runs[1]?.annotations).toEqual([]);
    expectSettled();
  });
});
