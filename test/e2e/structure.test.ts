import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { StoredIssue } from '../github-sim/state.js';
import { type Harness, startHarness } from './harness.js';
import { SPEC_DOCS, taskId } from './spec-fixtures.js';

const CONFIG = {
  '.github/spec-sync.yml': 'structure:\n  subIssues: true\n  blockedBy: true\n',
};
const TASKS = 'specs/002-billing/tasks.md';

/** A spec-kit tasks.md of `count` tasks, a new phase every `perPhase`; `deps(n)` are the tasks n depends on. */
function tasksWith(count: number, deps: (n: number) => number[], perPhase = 30): string {
  const lines = ['# Tasks: Billing', ''];
  for (let n = 1; n <= count; n += 1) {
    if ((n - 1) % perPhase === 0) lines.push('', `## Phase ${(n - 1) / perPhase + 1}: Part ${n}`, '');
    const on = deps(n);
    const suffix = on.length > 0 ? ` (depends on ${on.map(taskId).join(', ')})` : '';
    lines.push(`- [ ] ${taskId(n)} Task ${n}${suffix}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a spec on GitHub as a parent issue with sub-issues and blocked-by', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ files: { 'README.md': '# shop\n', ...CONFIG } });
  });
  afterEach(async () => {
    await harness.close();
  });

  const repo = () => harness.sim.repo(harness.repo);
  const byId = (id: number) => repo().state.issueById(id)!;
  const taskOf = (issue: StoredIssue) => issue.title.split(' ')[0]!;
  const parentIssue = () => repo().issues.find((issue) => issue.body?.includes('spec-sync:spec'))!;
  /** Each task's blockers as the simulator holds them, by task ID. */
  const blockers = () =>
    Object.fromEntries(
      repo()
        .issues.filter((issue) => /^T\d+/.test(issue.title) && issue.blockedByIds.length > 0)
        .map((issue) => [taskOf(issue), issue.blockedByIds.map((id) => taskOf(byId(id))).sort()]),
    );
  const push = async (files: Record<string, string>) => {
    await harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
    await harness.idle();
  };

  it('holds 60 tasks under the parent in file order, blocked as the file says, and follows its changes', async () => {
    // Every fifth task depends on the task before it; T060 on T001 and T002.
    const first = (n: number) => (n === 60 ? [1, 2] : n % 5 === 0 ? [n - 1] : []);
    await push({ [TASKS]: tasksWith(60, first), ...SPEC_DOCS('specs/002-billing') });

    const parent = parentIssue();
    expect(parent.title).toBe('002-billing: Billing');
    expect(parent.state).toBe('open');
    const subs = parent.subIssueIds.map((id) => taskOf(byId(id)));
    expect(subs).toEqual(Array.from({ length: 60 }, (_, index) => taskId(index + 1)));
    const expected: Record<string, string[]> = {};
    for (let n = 5; n < 60; n += 5) expected[taskId(n)] = [taskId(n - 1)];
    expected.T060 = ['T001', 'T002'];
    expect(blockers()).toEqual(expected);
    expect(harness.sim.violations).toEqual([]);

    // T010 drops its dependency, T011 gains one on T003, T060 keeps only T002.
    const second = (n: number) =>
      n === 10 ? [] : n === 11 ? [3] : n === 60 ? [2] : n % 5 === 0 ? [n - 1] : [];
    await push({ [TASKS]: tasksWith(60, second) });
    delete expected.T010;
    expected.T011 = ['T003'];
    expected.T060 = ['T002'];
    expect(blockers()).toEqual(expected);
    expect(parentIssue().subIssueIds).toHaveLength(60);

    // Unchanged tasks (a blank line added): the sync reads what it must and writes nothing.
    const before = harness.sim.log.length;
    await push({ [TASKS]: `${tasksWith(60, second)}\n` });
    const after = harness.sim.log.slice(before);
    // The spec was synced (its issues listed), and nothing about issues or their relations was written or read.
    expect(after.some((entry) => entry.route === '/repos/{owner}/{repo}/issues')).toBe(true);
    expect(after.filter((entry) => entry.method !== 'GET' && entry.route?.includes('/issues'))).toEqual([]);
    expect(after.filter((entry) => /sub_issues|dependencies/u.test(entry.route ?? ''))).toEqual([]);
  });

  it('keeps a relation a person added, and removes only those spec-sync made', async () => {
    await push({ [TASKS]: tasksWith(4, (n) => (n === 3 ? [1] : [])), ...SPEC_DOCS('specs/002-billing') });
    const issues = repo().issues;
    const t4 = issues.find((issue) => issue.title.startsWith('T004'))!;
    const t2 = issues.find((issue) => issue.title.startsWith('T002'))!;
    t4.blockedByIds.push(t2.id);
    await push({ [TASKS]: tasksWith(4, () => []) });
    expect(blockers()).toEqual({ T004: ['T002'] });
  });

  it('keeps a sub-issue a person added, and takes a removed task off the parent', async () => {
    await push({ [TASKS]: tasksWith(4, () => []), ...SPEC_DOCS('specs/002-billing') });
    const theirs = harness.sim.createIssue(harness.repo, { title: 'Research notes' });
    const parent = parentIssue();
    parent.subIssueIds.push(theirs.id);
    theirs.parentId = parent.id;
    // T002 leaves the file; T005 arrives.
    await push({ [TASKS]: tasksWith(5, () => []).replace(/^- \[ \] T002 .*\n/mu, '') });
    expect(parentIssue().subIssueIds.map((id) => byId(id).title.split(' ')[0])).toEqual([
      'T001',
      'T003',
      'T004',
      // The person's sub-issue stays where they put it (last then); the new task comes after it.
      'Research',
      'T005',
    ]);
    const t002 = repo().issues.find((issue) => issue.title.startsWith('T002'))!;
    expect([t002.state, t002.parentId]).toEqual(['closed', null]);
  });

  it('follows a reordered file with the fewest sub-issue moves', async () => {
    const text = tasksWith(4, () => []);
    await push({ [TASKS]: text, ...SPEC_DOCS('specs/002-billing') });
    const t004 = /^- \[ \] T004 .*\n/mu.exec(text)![0];
    const before = harness.sim.log.length;
    await push({ [TASKS]: text.replace(t004, '').replace('- [ ] T001', `${t004}- [ ] T001`) });
    expect(parentIssue().subIssueIds.map((id) => taskOf(byId(id)))).toEqual(['T004', 'T001', 'T002', 'T003']);
    const moves = harness.sim.log
      .slice(before)
      .filter((entry) => entry.route?.endsWith('/sub_issues/priority'));
    expect(moves).toHaveLength(1);
  });

  it('closes the parent when every task is done and reopens it when one is unticked', async () => {
    const done = tasksWith(3, () => []).replace(/- \[ \]/g, '- [x]');
    await push({ [TASKS]: done, ...SPEC_DOCS('specs/002-billing') });
    expect(parentIssue().state).toBe('closed');
    await push({ [TASKS]: done.replace('- [x] T002', '- [ ] T002') });
    expect(parentIssue().state).toBe('open');
  });

  it("opens the parent with spec.md's summary and links to the spec's documents, read once per push", async () => {
    const spec = (summary: string) =>
      `# Feature Specification: Billing\n\n**Status**: Draft\n\n${summary}\n\n## User Scenarios\n\nLater.\n`;
    await push({
      [TASKS]: tasksWith(3, () => []),
      'specs/002-billing/spec.md': spec('Customers pay invoices by card.'),
      'specs/002-billing/plan.md': '# Plan\n',
    });
    const section = () => parentIssue().body!.split('<!-- spec-sync:spec ')[1]!;
    const lines = () => section().split('\n').slice(1);
    expect(lines()[0]).toBe('Customers pay invoices by card.');
    const links = lines().find((line) => line.startsWith('[spec.md]'))!;
    const names = [...links.matchAll(/\[([^\]]+)\]\(([^)]+)\)/gu)].map((match) => match[1]);
    expect(names).toEqual(['spec.md', 'plan.md', 'tasks.md']);
    for (const name of names) expect(links).toContain(`/blob/main/specs/002-billing/${name})`);
    // The sync and the check after it share one listing of the spec's directory.
    const listings = () =>
      harness.sim.log.filter(
        (entry) =>
          entry.method === 'GET' &&
          decodeURIComponent(entry.path.split('?')[0]!).endsWith('/contents/specs/002-billing'),
      ).length;
    expect(listings()).toBe(1);
    await push({ 'specs/002-billing/spec.md': spec('Customers pay invoices by card or transfer.') });
    expect(lines()[0]).toBe('Customers pay invoices by card or transfer.');
    expect(listings()).toBe(2);
  });

  it('nests 250 tasks under phase and part issues, no parent over 100, in file order', async () => {
    await push({ [TASKS]: tasksWith(250, () => [], 130), ...SPEC_DOCS('specs/002-billing') });
    const parent = parentIssue();
    const phases = parent.subIssueIds.map(byId);
    expect(phases.map((issue) => issue.title)).toEqual([
      '002-billing: Phase 1: Part 1',
      '002-billing: Phase 2: Part 131',
    ]);
    for (const issue of repo().issues) expect(issue.subIssueIds.length).toBeLessThanOrEqual(100);
    const leaves = (issue: StoredIssue): string[] =>
      issue.subIssueIds.length === 0 ? [taskOf(issue)] : issue.subIssueIds.map(byId).flatMap(leaves);
    expect(leaves(parent)).toEqual(Array.from({ length: 250 }, (_, index) => taskId(index + 1)));
    expect(byId(phases[0]!.subIssueIds[0]!).title).toBe('002-billing: Phase 1: Part 1 (part 1)');
    expect(harness.sim.violations).toEqual([]);
  }, 60_000);
});
