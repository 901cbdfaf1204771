import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { InProcessQueue } from '../../src/queue/in-process-queue.js';
import type { Job, JobHandler } from '../../src/queue/jobs.js';
import type { OperatedQueue } from '../../src/queue/queue-status.js';
import { RedisQueue } from '../../src/queue/redis-queue.js';
import { askedWaitMs } from '../../src/sync/shared/error-policy.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { until } from '../support/runtime-env.js';

/**
 * The contract both back ends keep: the same tests run against the in-process queue and against BullMQ on
 * a real redis-server (with two consuming "processes", so exclusion is shown across them).
 */
interface BackendOptions {
  isTransient?: (error: unknown) => boolean;
  askedWaitMs?: (error: unknown) => number | undefined;
  attempts?: number;
  retryDelayMs?: number;
  log: { error(data: object, message: string): void; info(data: object, message: string): void };
}
type StartBackend = (handle: JobHandler, options: BackendOptions) => OperatedQueue;

let redis: TestRedis;
let prefixes = 0;
const open: OperatedQueue[] = [];

const backends: Array<[string, StartBackend]> = [
  ['in-process', (handle, options) => new InProcessQueue(handle, { concurrency: 4, ...options })],
  [
    'redis',
    (handle, options) => {
      const common = { url: redis.url, prefix: `contract${++prefixes}`, lockMs: 2000, laneBusyDelayMs: 20 };
      const consumers = [1, 2].map(() => new RedisQueue({ ...common, ...options, handle, concurrency: 4 }));
      const producer = new RedisQueue({ ...common, ...options });
      return {
        add: (job) => producer.add(job),
        onIdle: () => producer.onIdle(),
        counts: () => producer.counts(),
        failedJobs: (limit) => producer.failedJobs(limit),
        ready: () => producer.ready(),
        close: async () => {
          await Promise.all(consumers.map((consumer) => consumer.close()));
          await producer.close();
        },
      };
    },
  ],
];

const silent = { error: () => undefined, info: () => undefined };
const repo = (name: string) => ({ installationId: 1, owner: 'acme', repo: name });
const sync = (name: string, tasksPath: string, deliveryId = 'd1'): Job => ({
  kind: 'sync-spec',
  ...repo(name),
  tasksPath,
  deliveryId,
});

function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  for (const queue of open.splice(0)) await queue.close();
});
afterAll(async () => {
  await redis?.stop();
});

describe.each(backends)('%s queue', (_name, startBackend) => {
  const start: StartBackend = (handle, options) => {
    const queue = startBackend(handle, options);
    open.push(queue);
    return queue;
  };

  it('runs jobs of one repository one at a time while other repositories go on', async () => {
    const held = gate();
    const running = new Map<string, number>();
    let most = 0;
    const done: string[] = [];
    const queue = start(
      async (job) => {
        const lane = job.repo;
        running.set(lane, (running.get(lane) ?? 0) + 1);
        most = Math.max(most, running.get(lane)!);
        if (job.repo === 'shop' && job.kind === 'sync-spec' && job.tasksPath === 'specs/001/tasks.md')
          await held.opened;
        else await new Promise((resolve) => setTimeout(resolve, 5));
        running.set(lane, running.get(lane)! - 1);
        done.push(`${job.repo}:${job.kind === 'sync-spec' ? job.tasksPath : ''}`);
      },
      { log: silent },
    );
    await queue.add(sync('shop', 'specs/001/tasks.md'));
    await until(() => running.get('shop') === 1);
    await queue.add(sync('shop', 'specs/002/tasks.md'));
    await queue.add(sync('shop', 'specs/003/tasks.md'));
    await queue.add(sync('other', 'specs/001/tasks.md'));
    await until(() => done.includes('other:specs/001/tasks.md'));
    expect(done).toEqual(['other:specs/001/tasks.md']); // shop's lane is still held
    held.open();
    await queue.onIdle();
    expect(done).toHaveLength(4);
    expect(most).toBe(1);
  });

  it('collapses a burst of equal jobs: one runs now, one more after it, never N', async () => {
    const held = gate();
    let runs = 0;
    const queue = start(
      async () => {
        runs += 1;
        await held.opened;
      },
      { log: silent },
    );
    await queue.add(sync('shop', 'specs/001/tasks.md', 'push-1'));
    await until(() => runs === 1);
    for (let push = 2; push <= 6; push += 1)
      await queue.add(sync('shop', 'specs/001/tasks.md', `push-${push}`));
    held.open();
    await queue.onIdle();
    expect(runs).toBe(2);
  });

  it('collapses a burst of pushes to a spec: a waiting sync for an older commit is skipped once a newer one is queued', async () => {
    const held = gate();
    const synced: string[] = [];
    const queue = start(
      async (job) => {
        if (job.kind !== 'sync-spec') return;
        synced.push(`${job.tasksPath} ${job.check?.headSha}`);
        if (job.check?.headSha === 'c1') await held.opened;
      },
      { log: silent },
    );
    // what a push's routing queues: a sync of the spec that then checks the pushed commit
    const pushed = (headSha: string, tasksPath = 'specs/001/tasks.md'): Job => ({
      kind: 'sync-spec',
      ...repo('shop'),
      tasksPath,
      trackingBranch: 'main',
      check: { headSha, branch: 'main' },
      deliveryId: `push-${headSha}`,
    });
    await queue.add(pushed('c1'));
    await until(() => synced.length === 1);
    for (const sha of ['c2', 'c3', 'c4', 'c5', 'c6']) await queue.add(pushed(sha));
    await queue.add(pushed('c4', 'specs/002/tasks.md')); // another spec's sync is its own
    held.open();
    await queue.onIdle();
    expect(synced.sort()).toEqual([
      'specs/001/tasks.md c1',
      'specs/001/tasks.md c6',
      'specs/002/tasks.md c4',
    ]);
  });

  it('skips a waiting check of an older commit once a newer commit of the spec is queued for checking', async () => {
    const held = gate();
    const checked: string[] = [];
    const queue = start(
      async (job) => {
        if (job.kind !== 'check-spec') return;
        checked.push(job.headSha);
        if (job.headSha === 'aaa') await held.opened;
      },
      { log: silent },
    );
    const check = (headSha: string): Job => ({
      kind: 'check-spec',
      ...repo('shop'),
      tasksPath: 'specs/001/tasks.md',
      headSha,
      branch: 'feature',
    });
    await queue.add(check('aaa'));
    await until(() => checked.length === 1);
    await queue.add(check('bbb'));
    await queue.add(check('ccc'));
    held.open();
    await queue.onIdle();
    expect(checked).toEqual(['aaa', 'ccc']);
  });

  it('processes a redelivered delivery once, and a new delivery of the same work again', async () => {
    const deliveries: Array<string | undefined> = [];
    const queue = start(
      async (job) => {
        deliveries.push(job.deliveryId);
      },
      { log: silent },
    );
    await queue.add(sync('shop', 'specs/001/tasks.md', 'delivery-a'));
    await queue.onIdle();
    await queue.add(sync('shop', 'specs/001/tasks.md', 'delivery-a'));
    await queue.onIdle();
    await queue.add(sync('shop', 'specs/001/tasks.md', 'delivery-b'));
    await queue.onIdle();
    expect(deliveries).toEqual(['delivery-a', 'delivery-b']);
  });

  it('retries a transient failure after a backoff, honouring retry-after', async () => {
    const attempts: number[] = [];
    const queue = start(
      async () => {
        attempts.push(Date.now());
        if (attempts.length === 1)
          throw Object.assign(new Error('secondary rate limit'), {
            status: 403,
            response: { headers: { 'retry-after': '1' } },
          });
        if (attempts.length === 2) throw Object.assign(new Error('bad gateway'), { status: 502 });
      },
      { log: silent, isTransient: () => true, askedWaitMs, attempts: 3, retryDelayMs: 50 },
    );
    await queue.add(sync('shop', 'specs/001/tasks.md'));
    await queue.onIdle();
    expect(attempts).toHaveLength(3);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(1000);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(100); // second retry: 50 ms doubled
    expect((await queue.counts()).failed).toBe(0);
  });

  it("retries a job refused for a spent primary limit at the limit's reset, not on the backoff", async () => {
    const attempts: number[] = [];
    const queue = start(
      async () => {
        attempts.push(Date.now());
        if (attempts.length > 1) return;
        const reset = Math.ceil(Date.now() / 1000) + 2; // GitHub gives the reset in epoch seconds
        // the gateway's wrapping keeps GitHub's error as the cause
        throw new Error('Could not list issues', {
          cause: Object.assign(new Error('API rate limit exceeded'), {
            status: 403,
            response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } },
          }),
        });
      },
      { log: silent, isTransient: () => true, askedWaitMs, attempts: 2, retryDelayMs: 10 },
    );
    await queue.add(sync('shop', 'specs/001/tasks.md'));
    await queue.onIdle();
    expect(attempts).toHaveLength(2);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(1000);
  });

  it("lets the repository's other jobs run while a failed one waits for its retry", async () => {
    const ran: string[] = [];
    let failedOnce = false;
    const queue = start(
      async (job) => {
        const path = job.kind === 'sync-spec' ? job.tasksPath : job.kind;
        ran.push(path);
        if (path === 'specs/001/tasks.md' && !failedOnce) {
          failedOnce = true;
          throw Object.assign(new Error('bad gateway'), { status: 502 });
        }
      },
      { log: silent, isTransient: () => true, attempts: 2, retryDelayMs: 4000 },
    );
    await queue.add(sync('shop', 'specs/001/tasks.md', 'first'));
    await until(() => failedOnce);
    await queue.add(sync('shop', 'specs/002/tasks.md', 'second'));
    await until(() => ran.includes('specs/002/tasks.md'), 3000); // before the retry's 4 s
    expect((await queue.counts()).delayed).toBe(1);
    await queue.onIdle();
    expect(ran).toEqual(['specs/001/tasks.md', 'specs/002/tasks.md', 'specs/001/tasks.md']);
  });

  it('keeps a job that failed for good in the failed set, logged with its delivery id', async () => {
    const logged: object[] = [];
    let calls = 0;
    const queue = start(
      async (job) => {
        calls += 1;
        if (job.kind === 'sync-spec' && job.tasksPath.startsWith('specs/bad'))
          throw new Error('tasks.md is unreadable');
        throw Object.assign(new Error('GitHub is down'), { status: 503 });
      },
      {
        log: { ...silent, error: (data) => logged.push(data) },
        isTransient: (error) => (error as { status?: number }).status === 503,
        attempts: 2,
        retryDelayMs: 10,
      },
    );
    await queue.add(sync('shop', 'specs/bad/tasks.md', 'delivery-user-error'));
    await queue.add(sync('other', 'specs/001/tasks.md', 'delivery-outage'));
    await queue.onIdle();
    await until(() => logged.length >= 2);
    expect(calls).toBe(3); // the user's error once, the outage twice
    const counts = await queue.counts();
    expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 2 });
    const failed = await queue.failedJobs();
    expect(failed.map((entry) => entry.job.deliveryId).sort()).toEqual([
      'delivery-outage',
      'delivery-user-error',
    ]);
    expect(failed.find((entry) => entry.job.deliveryId === 'delivery-outage')?.reason).toMatch(
      /GitHub is down/,
    );
    expect(logged).toEqual(
      expect.arrayContaining([expect.objectContaining({ deliveryId: 'delivery-user-error' })]),
    );
  });
});
