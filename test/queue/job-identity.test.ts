import { describe, expect, it } from '@jest/globals';
import { type Job, jobIdentity, sameWork } from '../../src/queue/jobs.js';

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
