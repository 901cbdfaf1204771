import { afterEach, describe, expect, it } from '@jest/globals';
import { commitFiles } from '../github-sim/index.js';
import { type Harness, startHarness } from './harness.js';
import { SPEC_DOCS, specKitTasks, taskId } from './spec-fixtures.js';

const TASKS = 'specs/002-billing/tasks.md';
let harness: Harness;

afterEach(async () => {
  expect(harness.sim.violations).toEqual([]);
  await harness.close();
});

async function push(files: Record<string, string | null>, branch?: string) {
  const result = await harness.sim.push({ repo: harness.repo, branch, files, deliverTo: harness.app });
  await harness.idle();
  return result;
}

const issues = () => harness.sim.repo(harness.repo).issues;
const byTask = (id: string) => issues().filter((issue) => issue.title.startsWith(`${id} `));
const writes = () =>
  harness.sim.log.filter((entry) => entry.method !== 'GET').map((entry) => `${entry.method} ${entry.route}`);

describe('issue sync on push', () => {
  it('opens one issue per task of a 60-task spec, labelled, and nothing twice', async () => {
    harness = await startHarness();
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(60) });
    expect(issues()).toHaveLength(60);
    for (let n = 1; n <= 60; n += 1) expect(byTask(taskId(n))).toHaveLength(1);
    const t001 = byTask('T001')[0]!;
    expect(t001.labels).toEqual(expect.arrayContaining(['spec:002-billing', 'phase:1']));
    expect(byTask('T031')[0]!.labels).toContain('phase:2');
    expect(t001.body).toContain('<!-- spec-sync:task');
  });

  it('costs no request at all for a push that touches no spec', async () => {
    harness = await startHarness();
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(2) });
    harness.sim.resetLog();
    await push({ 'src/app.ts': 'export {};\n', 'README.md': '# shop, again\n' });
    expect(harness.sim.log).toEqual([]);
  });

  it('makes no write when the same push is delivered again', async () => {
    harness = await startHarness();
    const { sha } = await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(5) });
    harness.sim.resetLog();
    await harness.deliverPush(sha);
    await harness.idle();
    expect(issues()).toHaveLength(5);
    expect(writes().filter((write) => write.includes('/issues'))).toEqual([]);
  });

  it('creates no duplicate when two pushes arrive at once', async () => {
    harness = await startHarness();
    const first = commitFiles(harness.sim, harness.repo, 'main', {
      ...SPEC_DOCS('specs/002-billing'),
      [TASKS]: specKitTasks(8),
    });
    const second = commitFiles(harness.sim, harness.repo, 'main', { [TASKS]: specKitTasks(10) });
    await Promise.all([harness.deliverPush(first), harness.deliverPush(second), harness.deliverPush(second)]);
    await harness.idle();
    expect(issues()).toHaveLength(10);
    for (let n = 1; n <= 10; n += 1) expect(byTask(taskId(n))).toHaveLength(1);
  });

  it('follows edits, ticks, unticks, removals and restorations of tasks', async () => {
    harness = await startHarness();
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(4) });
    // T001 ticked, T002 text edited, T004 removed.
    await push({
      [TASKS]: specKitTasks(
        3,
        (n) => (n === 1 ? 'X' : ' '),
        (n) => (n === 2 ? 'Task 2, reworded' : `Task ${n}`),
      ),
    });
    expect(byTask('T001')[0]).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(byTask('T002')[0]!.title).toBe('T002 Task 2, reworded');
    const t004 = byTask('T004')[0]!;
    expect(t004).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    expect(t004.comments.map((comment) => comment.body).join('\n')).toContain(
      'was removed from specs/002-billing/tasks.md',
    );
    // T001 unticked, T004 back.
    await push({ [TASKS]: specKitTasks(4) });
    expect(byTask('T001')[0]!.state).toBe('open');
    expect(byTask('T004')).toHaveLength(1);
    expect(byTask('T004')[0]!.state).toBe('open');
    expect(issues()).toHaveLength(4);
  });

  it('keeps two specs that both start at T001 apart', async () => {
    harness = await startHarness();
    await push({
      ...SPEC_DOCS('specs/001-auth'),
      ...SPEC_DOCS('specs/002-billing'),
      'specs/001-auth/tasks.md': specKitTasks(
        2,
        () => ' ',
        (n) => `Auth ${n}`,
      ),
      [TASKS]: specKitTasks(
        2,
        () => ' ',
        (n) => `Billing ${n}`,
      ),
    });
    expect(
      byTask('T001')
        .map((issue) => issue.title)
        .sort(),
    ).toEqual(['T001 Auth 1', 'T001 Billing 1']);
    await push({
      [TASKS]: specKitTasks(
        2,
        (n) => (n === 1 ? 'x' : ' '),
        (n) => `Billing ${n}`,
      ),
    });
    const [auth, billing] = ['T001 Auth 1', 'T001 Billing 1'].map(
      (title) => issues().find((issue) => issue.title === title)!,
    );
    expect(auth!.state).toBe('open');
    expect(billing!.state).toBe('closed');
  });

  it("keeps a person's labels, assignee, title and text across syncs", async () => {
    harness = await startHarness();
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(2) });
    const issue = byTask('T001')[0]!;
    issue.labels.push('priority: high');
    issue.assignees.push('octocat');
    issue.body = `${issue.body}\n\nNotes from the team: use the new API.`;
    issue.title = 'T001 Our own title';
    // The phase changes (T001 moves to Phase 2), the task text does not.
    await push({
      [TASKS]: `# Tasks\n\n## Phase 1: Setup\n\n- [ ] T002 Task 2\n\n## Phase 2: Core\n\n- [ ] T001 Task 1\n`,
    });
    const after = harness.sim.repo(harness.repo).issue(issue.number)!;
    expect(after.labels).toEqual(expect.arrayContaining(['priority: high', 'phase:2', 'spec:002-billing']));
    expect(after.labels).not.toContain('phase:1');
    expect(after.assignees).toEqual(['octocat']);
    expect(after.title).toBe('T001 Our own title');
    expect(after.body).toContain('Notes from the team: use the new API.');
  });

  it('makes no second issue when a person removed the spec label from one', async () => {
    harness = await startHarness();
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(3) });
    const issue = byTask('T002')[0]!;
    issue.labels = issue.labels.filter((label) => label !== 'spec:002-billing');
    await push({ [TASKS]: specKitTasks(4) });
    expect(issues()).toHaveLength(4);
    expect(byTask('T002')).toHaveLength(1);
    expect(harness.sim.repo(harness.repo).issue(issue.number)!.labels).toContain('spec:002-billing');
  });

  it("keeps a label a person adds while a sync is changing the issue's labels", async () => {
    harness = await startHarness();
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(4) });
    const issue = byTask('T003')[0]!;
    // Hold the sync after it has listed the issues (it reads the repository's labels next).
    harness.sim.faults.rules.push({
      kind: 'slow',
      method: 'GET',
      route: '/repos/{owner}/{repo}/labels',
      delayMs: 500,
    });
    const pushed = harness.sim.push({
      repo: harness.repo,
      files: { [TASKS]: specKitTasks(6) },
      deliverTo: harness.app,
    });
    await pushed;
    await new Promise((resolve) => setTimeout(resolve, 250));
    issue.labels.push('needs-review');
    await harness.idle();
    const after = harness.sim.repo(harness.repo).issue(issue.number)!;
    // T003 moved from Phase 2 to Phase 1 (the phase split moves with the task count).
    expect(after.labels).toEqual(expect.arrayContaining(['needs-review', 'phase:1']));
    expect(after.labels).not.toContain('phase:2');
  });

  it('closes nothing when tasks.md cannot be fetched or read', async () => {
    harness = await startHarness();
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(3) });
    harness.sim.faults.rules.push({
      kind: 'server-error',
      method: 'GET',
      route: '/repos/{owner}/{repo}/contents/{path}',
      status: 502,
    });
    await push({ [TASKS]: specKitTasks(2) });
    expect(issues().filter((issue) => issue.state === 'open')).toHaveLength(3);
    harness.sim.faults.rules.length = 0;
    await push({ [TASKS]: '\u0000\u0001binary\u0000garbage' });
    expect(issues().filter((issue) => issue.state === 'open')).toHaveLength(3);
    await push({ [TASKS]: '# Tasks\n\nAll gone by mistake.\n' });
    expect(issues().filter((issue) => issue.state === 'open')).toHaveLength(3);
  });

  it('makes no second issue when a create succeeds but its answer is lost', async () => {
    harness = await startHarness();
    harness.sim.faults.rules.push({
      kind: 'lost-response',
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues',
      nth: 2,
    });
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(4) });
    expect(issues()).toHaveLength(4);
    await push({
      [TASKS]: specKitTasks(
        4,
        () => ' ',
        (n) => `Task ${n}`,
      ),
    });
    for (let n = 1; n <= 4; n += 1) expect(byTask(taskId(n))).toHaveLength(1);
  });

  it('finishes a sync under GitHub-style secondary limits, pacing instead of failing', async () => {
    // 80 a "minute" of 600 ms; the app's pacer runs on the same 1/100 clock.
    harness = await startHarness({
      timeScale: 0.01,
      sim: { faults: { rules: [], seed: 1, secondaryLimit: { perMinute: 80, perHour: 500, windowMs: 600 } } },
    });
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(90) });
    expect(issues()).toHaveLength(90);
    const refused = harness.sim.log.filter((entry) => entry.status === 403 || entry.status === 429);
    expect(refused).toEqual([]);
  });

  it('recovers when GitHub refuses with a secondary limit anyway', async () => {
    harness = await startHarness({
      sim: {
        faults: {
          rules: [],
          seed: 1,
          secondaryLimit: { perMinute: 5, windowMs: 200, retryAfterSeconds: 60 },
        },
      },
    });
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(20) });
    expect(issues()).toHaveLength(20);
    for (let n = 1; n <= 20; n += 1) expect(byTask(taskId(n))).toHaveLength(1);
    expect(harness.sim.log.some((entry) => entry.status === 403)).toBe(true);
  });

  it('syncs 300 tasks once each', async () => {
    harness = await startHarness();
    await push({
      ...SPEC_DOCS('specs/002-billing'),
      [TASKS]: specKitTasks(300, (n) => (n % 3 === 0 ? 'x' : ' ')),
    });
    expect(issues()).toHaveLength(300);
    expect(issues().filter((issue) => issue.state === 'closed')).toHaveLength(100);
    expect(new Set(issues().map((issue) => issue.title)).size).toBe(300);
  });

  it('does not change issues for a push to a branch that does not track the spec', async () => {
    harness = await startHarness();
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(2) });
    await push({ [TASKS]: specKitTasks(2, () => 'x') }, 'feature/x');
    expect(issues().every((issue) => issue.state === 'open')).toBe(true);
  });

  it('follows the spec branch while it exists, then the default branch without a second set', async () => {
    harness = await startHarness();
    await push({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(2) }, '002-billing');
    expect(issues()).toHaveLength(2);
    await push({ [TASKS]: specKitTasks(3) }, 'main');
    expect(issues()).toHaveLength(2);
    harness.sim.deleteBranch(harness.repo, '002-billing');
    await push({ [TASKS]: specKitTasks(3, (n) => (n === 1 ? 'x' : ' ')) }, 'main');
    expect(issues()).toHaveLength(3);
    expect(byTask('T001')).toHaveLength(1);
    expect(byTask('T001')[0]!.state).toBe('closed');
  });
});
