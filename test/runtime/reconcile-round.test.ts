import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { AppClient } from '../../src/github/app-hook-gateway.js';
import { specSyncOctokit } from '../../src/github/probot-octokit.js';
import type { Job } from '../../src/queue/jobs.js';
import { pickRound, reconcileInstallations } from '../../src/runtime/reconcile-round.js';
import { RedisRoundLock } from '../../src/runtime/round-lock.js';
import { scheduleReconcile } from '../../src/runtime/schedule-reconcile.js';
import { startGitHubSim } from '../github-sim/index.js';
import { quietLog as silent } from '../github-sim/quiet-log.js';
import { startRedis, type TestRedis } from '../support/redis.js';

describe('pickRound', () => {
  const ten = Array.from({ length: 10 }, (_, n) => n);
  it.each([
    ['all of them when they fit', ten, 3, 10, ten],
    ['the first window in round 0', ten, 0, 4, [0, 1, 2, 3]],
    ['the next window in round 1', ten, 1, 4, [4, 5, 6, 7]],
    ['a window that wraps round the end', ten, 2, 4, [8, 9, 0, 1]],
    ['nothing when there is nothing', [], 5, 4, []],
  ])('takes %s', (_, all, round, max, expected) => {
    expect(pickRound(all, round, max)).toEqual(expected);
  });

  it('reaches every repository within ceil(n / max) rounds', () => {
    const seen = new Set<number>();
    for (let round = 7; round < 7 + Math.ceil(10 / 3); round += 1)
      for (const n of pickRound(ten, round, 3)) seen.add(n);
    expect([...seen].sort((a, b) => a - b)).toEqual(ten);
  });
});

describe('reconcileInstallations over the simulator', () => {
  it('queues a reconcile per repository of every installation, and goes on past one that fails', async () => {
    const sim = await startGitHubSim({ validateResponses: true });
    try {
      sim.createRepo('acme/shop', { installationId: 8001 });
      sim.createRepo('acme/docs', { installationId: 8001 });
      sim.createRepo('solo/tool', { installationId: 8002 });
      sim.createRepo('third/app', { installationId: 8003 });
      // GitHub fails the first installation's listing once
      sim.faults.rules.push({ kind: 'server-error', route: '/installation/repositories', nth: 1 });
      const Octokit = specSyncOctokit({ retry: false });
      const auth = async (installationId?: number) =>
        new Octokit({
          auth: {
            appId: sim.appId,
            privateKey: sim.privateKey,
            ...(installationId ? { installationId } : {}),
          },
          baseUrl: sim.apiUrl,
        }) as unknown as AppClient;
      const queued: Job[] = [];
      const warned: object[] = [];
      const queue = {
        add: async (job: Job) => void queued.push(job),
        onIdle: async () => {},
        close: async () => {},
      };
      const log = { ...silent, warn: (data: object) => void warned.push(data) };
      expect(await reconcileInstallations({ auth, queue, log, round: 0 })).toBe(2);
      expect(queued.map((job) => [job.kind, job.installationId, `${job.owner}/${job.repo}`])).toEqual([
        ['reconcile', 8002, 'solo/tool'],
        ['reconcile', 8003, 'third/app'],
      ]);
      expect(queued[0]?.repository).toEqual({ defaultBranch: 'main', htmlUrl: `${sim.url}/solo/tool` });
      expect(warned).toEqual([expect.objectContaining({ installationId: 8001 })]);
      expect(sim.violations).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});

describe('scheduleReconcile', () => {
  function scheduled(intervalMs: number, claim: boolean) {
    const asked: Array<number | undefined> = [];
    const queued: unknown[] = [];
    const stop = scheduleReconcile({
      intervalMs,
      auth: async (id) => {
        asked.push(id);
        throw new Error('GitHub is not part of this test');
      },
      queue: { add: async (job) => void queued.push(job), onIdle: async () => {}, close: async () => {} },
      log: silent,
      lock: { claim: async () => claim },
    });
    return { asked, queued, stop };
  }

  it.each([
    ['asks nothing when the interval is 0', 0, true, []],
    ['asks nothing while another process holds the round', 60_000, false, []],
    ['asks for the installations, as the app, once it claims the round', 60_000, true, [undefined]],
  ])('%s', async (_, intervalMs, claim, expected) => {
    const { asked, queued, stop } = scheduled(intervalMs, claim);
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect([asked, queued]).toEqual([expected, []]);
  });
});

describe('RedisRoundLock', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis?.stop();
  });

  it('lets one of two processes claim a round, and either the next once the claim has expired', async () => {
    const [a, b] = [new Redis(redis.url), new Redis(redis.url)];
    clients.push(a, b);
    const locks = [
      new RedisRoundLock(a, 'spec-sync:reconcile-round'),
      new RedisRoundLock(b, 'spec-sync:reconcile-round'),
    ];
    const claimed = await Promise.all(locks.map((lock) => lock.claim(300)));
    expect([...claimed].sort()).toEqual([false, true]);
    const winner = locks[claimed.indexOf(true)]!;
    const loser = locks[claimed.indexOf(false)]!;
    expect(await loser.claim(300)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await loser.claim(300)).toBe(true);
    expect(await winner.claim(300)).toBe(false);
  });
});
