import { describe, expect, it } from '@jest/globals';
import { reconcileRepository } from '../../src/sync/reconcile/reconcile-repository.js';
import { specKitTasks } from '../e2e/spec-fixtures.js';
import { contextFor, repoJob } from './context.js';

const job = { ...repoJob, kind: 'reconcile' as const };

function issueLabelled(number: number, label: string) {
  return {
    number,
    id: number,
    title: `T00${number} Task`,
    body: null,
    state: 'closed' as const,
    stateReason: 'completed',
    labels: [label],
    htmlUrl: '',
    author: 'spec-sync[bot]',
  };
}

describe('reconcileRepository', () => {
  it('queues a sync of each spec that already has issues, and none for a spec never synced', async () => {
    const { ctx, gateway, queued } = contextFor(job);
    gateway.commit('main', {
      'specs/001-synced/tasks.md': specKitTasks(2),
      'specs/002-new/tasks.md': specKitTasks(2),
    });
    gateway.issues.push(issueLabelled(1, 'spec:001-synced'));
    await reconcileRepository(ctx);
    expect(queued).toEqual([
      { kind: 'sync-spec', tasksPath: 'specs/001-synced/tasks.md', trackingBranch: 'main' },
    ]);
  });

  it('asks nothing of GitHub when the repository turned issues off', async () => {
    const { ctx, gateway, queued } = contextFor(job, { issues: { enabled: false } });
    gateway.commit('main', { 'specs/001-synced/tasks.md': specKitTasks(2) });
    gateway.issues.push(issueLabelled(1, 'spec:001-synced'));
    await reconcileRepository(ctx);
    expect(queued).toEqual([]);
    expect(gateway.calls).toEqual([]);
  });

  it('queues nothing for an empty repository', async () => {
    const { ctx, queued } = contextFor(job);
    await reconcileRepository(ctx);
    expect(queued).toEqual([]);
  });
});
