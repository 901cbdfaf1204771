import { describe, expect, jest, test } from '@jest/globals';
import type { PushJob } from '../../src/queue/jobs.js';
import { routePush } from '../../src/sync/push/route-push.js';
import { contextFor, repoJob } from './context.js';

const tasks = '# Tasks\n\n- [ ] T001 a\n';

describe('routePush', () => {
  test('a push creating the default branch with the config lists the tree once and routes every spec', async () => {
    const { gateway } = contextFor({ ...repoJob, kind: 'reconcile' });
    const after = gateway.commit('main', {
      '.github/spec-sync.yml': 'issues:\n  enabled: false\n',
      'specs/001-a/tasks.md': tasks,
      'specs/002-b/tasks.md': tasks,
    });
    const job: PushJob = {
      ...repoJob,
      kind: 'push',
      branch: 'main',
      before: '0'.repeat(40),
      after,
      paths: null,
    };
    const { ctx, queued } = contextFor(job, { issues: { enabled: false } }, gateway);
    const listPaths = jest.spyOn(gateway, 'listPaths');

    await routePush(ctx, job);

    expect(listPaths).toHaveBeenCalledTimes(1);
    expect(queued.map((work) => work.kind === 'check-spec' && work.tasksPath).sort()).toEqual([
      'specs/001-a/tasks.md',
      'specs/002-b/tasks.md',
    ]);
  });
});
