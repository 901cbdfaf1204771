import { describe, expect, it } from '@jest/globals';
import { InProcessQueue } from '../../src/queue/in-process-queue.js';
import type { Job } from '../../src/queue/jobs.js';

const repo = { installationId: 1, owner: 'acme', repo: 'shop' };
const sync = (tasksPath: string, deliveryId = 'd'): Job => ({
  kind: 'sync-spec',
  ...repo,
  tasksPath,
  deliveryId,
});
const check = (headSha: string): Job => ({
  kind: 'check-spec',
  ...repo,
  tasksPath: 'specs/001-a/tasks.md',
  headSha,
  branch: 'main',
});
const silent = { error: () => undefined, info: () => undefined };

describe('InProcessQueue', () => {
  it('never runs two jobs of one repository at once', async () => {
    let running = 0;
    let most = 0;
    const queue = new InProcessQueue(
      async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
      },
      { log: silent, concurrency: 4 },
    );
    await Promise.all([queue.add(sync('specs/001-a/tasks.md')), queue.add(sync('specs/002-b/tasks.md'))]);
    await queue.onIdle();
    expect(most).toBe(1);
  });

  it('drops a job equal to one still waiting (the waiting one reads the newest state anyway)', async () => {
    const ran: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = new InProcessQueue(
      async (job) => {
        ran.push(job.kind === 'sync-spec' ? job.tasksPath : job.kind);
        await gate;
      },
      { log: silent },
    );
    await queue.add(sync('specs/001-a/tasks.md', 'first'));
    await queue.add(sync('specs/002-b/tasks.md', 'second'));
    await queue.add(sync('specs/002-b/tasks.md', 'third'));
    release();
    await queue.onIdle();
    expect(ran).toEqual(['specs/001-a/tasks.md', 'specs/002-b/tasks.md']);
  });

  it('replaces a waiting check of an older commit with the newer one', async () => {
    const checked: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = new InProcessQueue(
      async (job) => {
        if (job.kind === 'check-spec') checked.push(job.headSha);
        await gate;
      },
      { log: silent },
    );
    await queue.add(check('aaa'));
    await queue.add(check('bbb'));
    await queue.add(check('ccc'));
    release();
    await queue.onIdle();
    expect(checked).toEqual(['aaa', 'ccc']);
  });

  it('retries a transient failure and logs a final one without rejecting', async () => {
    const errors: object[] = [];
    let calls = 0;
    const queue = new InProcessQueue(
      async () => {
        calls += 1;
        throw new Error('GitHub is down');
      },
      {
        log: { ...silent, error: (data) => errors.push(data) },
        isTransient: () => true,
        attempts: 3,
        retryDelayMs: 1,
      },
    );
    await queue.add(sync('specs/001-a/tasks.md'));
    await queue.onIdle();
    expect(calls).toBe(3);
    expect(errors).toHaveLength(1);
  });
});
