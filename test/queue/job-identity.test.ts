import { describe, expect, it } from '@jest/globals';
import { type Job, jobIdentity, type SyncSpecJob, sameWork, syncSuccession } from '../../src/queue/jobs.js';

const checkA: Job = {
  kind: 'check-spec',
  installationId: 1,
  owner: 'acme',
  repo: 'shop',
  tasksPath: 'specs/001-a/tasks.md',
  headSha: 'abc',
  branch: 'main',
  deliveryId: 'one',
};

describe('jobIdentity', () => {
  it('is the same for one job built with its keys in another order and from another delivery', () => {
    const reordered = JSON.parse(
      '{"branch":"main","headSha":"abc","tasksPath":"specs/001-a/tasks.md","repo":"shop","owner":"acme","installationId":1,"kind":"check-spec","deliveryId":"two"}',
    ) as Job;
    expect(jobIdentity(reordered)).toBe(jobIdentity(checkA));
    expect(sameWork(reordered, checkA)).toBe(true);
  });

  it('sorts nested objects and ignores fields left undefined', () => {
    const a: Job = { ...checkA, kind: 'sync-spec', check: { headSha: 'x', branch: null } } as Job;
    const b = JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
    b.check = { branch: null, headSha: 'x' };
    expect(jobIdentity(b as unknown as Job)).toBe(jobIdentity({ ...a, rerun: undefined } as Job));
  });

  it('tells different work apart', () => {
    expect(jobIdentity({ ...checkA, headSha: 'def' })).not.toBe(jobIdentity(checkA));
    expect(jobIdentity(checkA)).not.toContain('one');
  });
});

describe('syncSuccession', () => {
  const pushed = (headSha: string, fields: Partial<SyncSpecJob> = {}): SyncSpecJob => ({
    kind: 'sync-spec',
    installationId: 1,
    owner: 'acme',
    repo: 'shop',
    tasksPath: 'specs/001-a/tasks.md',
    trackingBranch: 'main',
    check: { headSha, branch: 'main' },
    ...fields,
  });

  it('puts the syncs of pushes to one spec and branch in one line, each with its commit', () => {
    const older = syncSuccession(pushed('aaa'))!;
    const newer = syncSuccession(pushed('bbb', { deliveryId: 'later' }))!;
    expect(newer.key).toBe(older.key);
    expect([older.head, newer.head]).toEqual(['aaa', 'bbb']);
  });

  it('keeps other specs, repositories, tracking branches and pushed branches apart', () => {
    const key = syncSuccession(pushed('aaa'))!.key;
    const others = [
      pushed('aaa', { tasksPath: 'specs/002-b/tasks.md' }),
      pushed('aaa', { repo: 'other' }),
      pushed('aaa', { trackingBranch: '001-a' }),
      pushed('aaa', { check: { headSha: 'aaa', branch: 'feature' } }),
    ];
    for (const job of others) expect(syncSuccession(job)!.key).not.toBe(key);
  });

  it('leaves out a sync that checks no commit', () => {
    expect(syncSuccession(pushed('aaa', { check: undefined }))).toBeNull();
  });
});
