import { describe, expect, it } from '@jest/globals';
import type { IssueStateJob } from '../../src/queue/jobs.js';
import { reconcile } from '../../src/sync/issues/sync-spec.js';
import { followIssueState } from '../../src/sync/write-back/follow-issue-state.js';
import { writeTaskStatuses } from '../../src/sync/write-back/write-task-statuses.js';
import { specKitTasks } from '../e2e/spec-fixtures.js';
import { contextFor, repoJob } from './context.js';

const TASKS = 'specs/002-billing/tasks.md';
const DOCS = { 'specs/002-billing/spec.md': '# Spec\n', 'specs/002-billing/plan.md': '# Plan\n' };
const tick = (ids: string[]) => ({
  branch: 'main',
  tasksPath: TASKS,
  changes: ids.map((id) => ({ id, status: 'done' as const })),
  message: 'Tick',
  prNote: 'Ticks.',
});

describe('writeTaskStatuses', () => {
  it('ticks the box in one commit and changes no other line', async () => {
    const { gateway } = contextFor({ ...repoJob, kind: 'sync-spec', tasksPath: TASKS });
    gateway.commit('main', { [TASKS]: specKitTasks(3) });
    const result = await writeTaskStatuses(gateway, tick(['T002']), 'commit');
    expect(result).toMatchObject({ outcome: 'committed', changed: ['T002'], settled: ['T002'] });
    expect(gateway.fileAt('main', TASKS)).toBe(specKitTasks(3, (n) => (n === 2 ? 'x' : ' ')));
  });

  it('re-reads and re-applies when another commit lands first, keeping that commit', async () => {
    const { gateway } = contextFor({ ...repoJob, kind: 'sync-spec', tasksPath: TASKS });
    gateway.commit('main', { [TASKS]: specKitTasks(3) });
    let raced = false;
    gateway.hooks.beforeWrite = () => {
      if (raced) return;
      raced = true;
      gateway.commit('main', { [TASKS]: specKitTasks(3, (n) => (n === 3 ? 'x' : ' ')) });
    };
    const result = await writeTaskStatuses(gateway, tick(['T001']), 'commit');
    expect(result.outcome).toBe('committed');
    expect(gateway.fileAt('main', TASKS)).toBe(specKitTasks(3, (n) => (n === 1 || n === 3 ? 'x' : ' ')));
    expect(gateway.calls.filter((call) => call.startsWith('writeFile'))).toHaveLength(2);
  });

  it('proposes the change in a pull request when the branch refuses direct commits', async () => {
    const { gateway } = contextFor({ ...repoJob, kind: 'sync-spec', tasksPath: TASKS });
    gateway.commit('main', { [TASKS]: specKitTasks(2) });
    gateway.hooks.protectedBranches = new Set(['main']);
    const result = await writeTaskStatuses(gateway, tick(['T001']), 'commit');
    expect(result).toMatchObject({ outcome: 'pull-request', changed: ['T001'] });
    expect(gateway.fileAt('main', TASKS)).toBe(specKitTasks(2));
    const [pull] = gateway.pulls;
    expect(pull?.baseBranch).toBe('main');
    expect(gateway.fileAt(pull!.headBranch, TASKS)).toBe(specKitTasks(2, (n) => (n === 1 ? 'x' : ' ')));
    // A directory name that is already a valid ref part keeps its branch name as before.
    expect(pull?.headBranch).toBe('spec-sync/specs-002-billing-tasks');
  });

  it('names the proposal branch validly when the spec directory holds blanks and `..`', async () => {
    const odd = 'specs/my spec..v2/tasks.md';
    const { gateway } = contextFor({ ...repoJob, kind: 'sync-spec', tasksPath: odd });
    gateway.commit('main', { [odd]: specKitTasks(2) });
    gateway.hooks.protectedBranches = new Set(['main']);
    const result = await writeTaskStatuses(gateway, { ...tick(['T001']), tasksPath: odd }, 'commit');
    expect(result.outcome).toBe('pull-request');
    const branch = gateway.pulls[0]!.headBranch;
    expect(branch).toMatch(/^spec-sync\/specs-my-spec-v2-tasks-[0-9a-f]{8}$/);
    expect(branch).not.toMatch(/\s|\.\./);
  });
});

describe('following a person closing a task issue', () => {
  async function withIssues() {
    const job: IssueStateJob = {
      ...repoJob,
      kind: 'issue-state',
      issueNumber: 0,
      state: 'closed',
      stateReason: 'completed',
    };
    const test = contextFor(job);
    test.gateway.commit('main', { ...DOCS, [TASKS]: specKitTasks(2) });
    await reconcile(test.ctx, TASKS);
    const issue = test.gateway.issues.find((candidate) => candidate.title.startsWith('T001'))!;
    return { ...test, job: { ...job, issueNumber: issue.number }, issue };
  }

  it('ticks the task in tasks.md and has the new commit checked', async () => {
    const { ctx, gateway, queued, job, issue } = await withIssues();
    await gateway.updateIssue(issue.number, { state: 'closed', stateReason: 'completed' });
    await followIssueState(ctx, job);
    expect(gateway.fileAt('main', TASKS)).toBe(specKitTasks(2, (n) => (n === 1 ? 'x' : ' ')));
    expect(queued).toEqual([
      { kind: 'check-spec', tasksPath: TASKS, headSha: gateway.branches.get('main'), branch: 'main' },
    ]);
  });

  it('reads the branch head and tasks.md once for both the comparison and the write', async () => {
    const { ctx, gateway, job, issue } = await withIssues();
    await gateway.updateIssue(issue.number, { state: 'closed', stateReason: 'completed' });
    gateway.calls.length = 0;
    await followIssueState(ctx, job);
    expect(gateway.fileAt('main', TASKS)).toBe(specKitTasks(2, (n) => (n === 1 ? 'x' : ' ')));
    expect(gateway.calls.filter((call) => call === 'getBranchHead main')).toHaveLength(1);
    expect(gateway.calls.filter((call) => call === `readFile ${TASKS}`)).toHaveLength(1);
  });

  it("puts the person's close back when a sync reopened the issue in between", async () => {
    const { ctx, gateway, job, issue } = await withIssues();
    // The person closed it; a sync that ran before the event (the file still open) reopened it.
    await gateway.updateIssue(issue.number, { state: 'open', stateReason: 'reopened' });
    await followIssueState(ctx, job);
    expect(gateway.fileAt('main', TASKS)).toBe(specKitTasks(2, (n) => (n === 1 ? 'x' : ' ')));
    const after = await gateway.getIssue(issue.number);
    expect([after.state, after.stateReason]).toEqual(['closed', 'completed']);
  });

  it('writes nothing when the file already agrees (a repeated event)', async () => {
    const { ctx, gateway, job, issue } = await withIssues();
    await gateway.updateIssue(issue.number, { state: 'closed', stateReason: 'completed' });
    await followIssueState(ctx, job);
    gateway.calls.length = 0;
    await followIssueState(ctx, job);
    expect(gateway.calls.filter((call) => /^(writeFile|updateIssue)/.test(call))).toEqual([]);
  });
});
