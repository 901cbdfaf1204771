import { describe, expect, it } from '@jest/globals';
import { ConfigError, forgetRepoConfig, loadRepoConfig } from '../../src/config/load-config.js';
import { TemplateError } from '../../src/core/render/render-template.js';
import type { SyncSpecJob } from '../../src/queue/jobs.js';
import { reconcile, syncSpec } from '../../src/sync/issues/sync-spec.js';
import { SpecUnreadableError } from '../../src/sync/shared/readable-spec.js';
import { specKitTasks } from '../e2e/spec-fixtures.js';
import { contextFor, repoJob } from './context.js';

const TASKS = 'specs/002-billing/tasks.md';
const DOCS = { 'specs/002-billing/spec.md': '# Spec\n', 'specs/002-billing/plan.md': '# Plan\n' };

function syncJob(check?: SyncSpecJob['check']): SyncSpecJob {
  return { ...repoJob, kind: 'sync-spec', tasksPath: TASKS, ...(check ? { check } : {}) };
}

const writes = (calls: string[]) =>
  calls.filter((call) =>
    /^(createIssue|updateIssue|commentOnIssue|writeFile|startCheckRun|complete)/.test(call),
  );

describe('reconcile (the issue sync) against an in-memory gateway', () => {
  it('opens one issue per task, then closes only the one whose box is ticked', async () => {
    const { ctx, gateway } = contextFor(syncJob());
    gateway.commit('main', { ...DOCS, [TASKS]: specKitTasks(3) });
    const first = await reconcile(ctx, TASKS);
    expect(first?.applied?.created).toBe(3);
    expect(gateway.issues.map((issue) => [issue.title.split(' ')[0], issue.state])).toEqual([
      ['T001', 'open'],
      ['T002', 'open'],
      ['T003', 'open'],
    ]);
    gateway.calls.length = 0;
    gateway.commit('main', { [TASKS]: specKitTasks(3, (n) => (n === 2 ? 'x' : ' ')) });
    await reconcile(ctx, TASKS);
    const t002 = gateway.issues.find((issue) => issue.title.startsWith('T002'))!;
    expect([t002.state, t002.stateReason]).toEqual(['closed', 'completed']);
    expect(writes(gateway.calls)).toEqual([`updateIssue ${t002.number} state,stateReason`]);
    // Labels are read only by writes that set them: a close reads none.
    expect(gateway.calls).not.toContain('ensureLabels');
  });

  it('writes nothing when the tasks did not change', async () => {
    const { ctx, gateway } = contextFor(syncJob());
    gateway.commit('main', { ...DOCS, [TASKS]: specKitTasks(2) });
    await reconcile(ctx, TASKS);
    gateway.calls.length = 0;
    gateway.commit('main', { 'specs/002-billing/plan.md': '# Plan, edited\n' });
    const again = await reconcile(ctx, TASKS);
    expect(again?.applied).toBeNull();
    expect(writes(gateway.calls)).toEqual([]);
  });

  it('refuses a tasks.md emptied while issues are open, and writes nothing', async () => {
    const { ctx, gateway } = contextFor(syncJob());
    gateway.commit('main', { ...DOCS, [TASKS]: specKitTasks(2) });
    await reconcile(ctx, TASKS);
    gateway.calls.length = 0;
    gateway.commit('main', { [TASKS]: '# Tasks\n' });
    await expect(reconcile(ctx, TASKS)).rejects.toThrow(SpecUnreadableError);
    expect(writes(gateway.calls)).toEqual([]);
    expect(gateway.issues.filter((issue) => issue.state === 'open')).toHaveLength(2);
  });

  it('refuses a tasks.md that is not text', async () => {
    const { ctx, gateway } = contextFor(syncJob());
    gateway.commit('main', { ...DOCS, [TASKS]: '- [ ] T001 One\u0000\n' });
    await expect(reconcile(ctx, TASKS)).rejects.toThrow(/not UTF-8 text/);
    expect(gateway.issues).toEqual([]);
  });

  it('refuses a body template that is not on the default branch', async () => {
    const { ctx, gateway } = contextFor(syncJob(), { issues: { bodyTemplate: '.github/task.md' } });
    gateway.commit('main', { ...DOCS, [TASKS]: specKitTasks(2) });
    await expect(reconcile(ctx, TASKS)).rejects.toThrow(TemplateError);
    expect(gateway.issues).toEqual([]);
  });

  it('leaves the issues alone when the spec is not on its branch (absent is not empty)', async () => {
    const { ctx, gateway } = contextFor(syncJob());
    gateway.commit('main', { ...DOCS, [TASKS]: specKitTasks(2) });
    await reconcile(ctx, TASKS);
    gateway.commit('main', {});
    gateway.commits.get(gateway.branches.get('main')!)!.delete(TASKS);
    expect(await reconcile(ctx, TASKS)).toBeNull();
    expect(gateway.issues.filter((issue) => issue.state === 'open')).toHaveLength(2);
  });
});

describe('the sync job', () => {
  it('checks the commit it synced, reusing what the sync read', async () => {
    const { ctx, gateway } = contextFor(syncJob());
    const first = gateway.commit('main', { ...DOCS, [TASKS]: specKitTasks(2) });
    await syncSpec(ctx, syncJob({ headSha: first, branch: 'main' }));
    expect(gateway.checkRuns.map((run) => [run.headSha, run.result?.conclusion])).toEqual([
      [first, 'success'],
    ]);
    gateway.calls.length = 0;
    const sha = gateway.commit('main', { [TASKS]: specKitTasks(2, (n) => (n === 1 ? 'x' : ' ')) });
    await syncSpec(ctx, syncJob({ headSha: sha, branch: 'main' }));
    expect(gateway.checkRuns[0]?.headSha).toBe(sha);
    expect(gateway.checkRuns[0]?.result?.conclusion).toBe('success');
    // One read of the file and one issue listing serve both the sync and the check.
    expect(gateway.calls.filter((call) => call === `readFile ${TASKS}`)).toHaveLength(1);
    expect(gateway.calls.filter((call) => call.startsWith('listIssuesWithLabel'))).toHaveLength(1);
  });

  it('reads the body template named in the config once for the sync and the check that follows', async () => {
    const { ctx, gateway } = contextFor(syncJob(), { issues: { bodyTemplate: '.github/task.md' } });
    const sha = gateway.commit('main', {
      ...DOCS,
      [TASKS]: specKitTasks(2),
      '.github/task.md': 'Task {{id}}\n',
    });
    await syncSpec(ctx, syncJob({ headSha: sha, branch: 'main' }));
    expect(gateway.checkRuns.map((run) => run.result?.conclusion)).toEqual(['success']);
    expect(gateway.issues).toHaveLength(2);
    expect(gateway.calls.filter((call) => call === 'readFile .github/task.md')).toHaveLength(1);
  });

  it('fails the check of a spec problem with the reason, without throwing (so the queue does not retry)', async () => {
    const { ctx, gateway, logged } = contextFor(syncJob());
    const sha = gateway.commit('main', { ...DOCS, [TASKS]: '- [ ] T001 One\u0000\n' });
    await expect(syncSpec(ctx, syncJob({ headSha: sha, branch: 'main' }))).resolves.toBeUndefined();
    const [run] = gateway.checkRuns;
    expect(run?.result?.conclusion).toBe('failure');
    expect(run?.annotations.map((annotation) => annotation.path)).toEqual([TASKS]);
    expect(logged.some((line) => line.level === 'warn' && line.message === 'Spec not synced')).toBe(true);
  });

  it('passes any other failure on to the queue, reporting no check of its own (the queue reports it once it failed for good)', async () => {
    const { ctx, gateway, queued } = contextFor(syncJob());
    const sha = gateway.commit('main', { ...DOCS, [TASKS]: specKitTasks(2) });
    gateway.listIssuesWithLabel = async () => {
      throw Object.assign(new Error('Server Error'), { status: 502 });
    };
    await expect(syncSpec(ctx, syncJob({ headSha: sha, branch: 'main' }))).rejects.toThrow('Server Error');
    expect(queued).toEqual([]);
    expect(gateway.checkRuns).toEqual([]);
  });
});

describe('the config, read through the gateway', () => {
  it('is validated, and a file that is not YAML is a ConfigError naming the file', async () => {
    const { gateway } = contextFor(syncJob());
    gateway.commit('main', { '.github/spec-sync.yml': 'issues:\n  enabled: false\n' });
    expect((await loadRepoConfig(gateway)).issues.enabled).toBe(false);
    forgetRepoConfig(gateway);
    gateway.commit('main', { '.github/spec-sync.yml': 'issues: [unclosed\n' });
    await expect(loadRepoConfig(gateway)).rejects.toThrow(ConfigError);
    await expect(loadRepoConfig(gateway)).rejects.toThrow(/spec-sync\.yml/);
  });
});

describe('the check after a sync', () => {
  it('links each task to its line with the path encoded, so a directory with a blank still links', async () => {
    const odd = 'specs/my billing/tasks.md';
    const job: SyncSpecJob = { ...repoJob, kind: 'sync-spec', tasksPath: odd };
    const { ctx, gateway } = contextFor(job, { issues: { enabled: false } });
    const sha = gateway.commit('main', {
      'specs/my billing/spec.md': '# Spec\n',
      'specs/my billing/plan.md': '# Plan\n',
      // T002 done before its phase's blocker: the check lists it, linked to its line.
      [odd]: specKitTasks(2, (n) => (n === 2 ? 'x' : ' ')),
    });
    await syncSpec(ctx, { ...job, check: { headSha: sha, branch: 'main' } });
    const summary = JSON.stringify(gateway.checkRuns[0]?.result);
    expect(summary).toContain(`https://github.example/acme/shop/blob/${sha}/specs/my%20billing/tasks.md#L`);
    expect(summary).not.toContain('specs/my billing/tasks.md#L');
  });
});
