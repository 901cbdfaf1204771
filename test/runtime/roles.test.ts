import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readRuntimeEnv } from '../../src/runtime/runtime-env.js';
import { type Runtime, startRuntime } from '../../src/runtime/start.js';
import { SPEC_DOCS, specKitTasks } from '../e2e/spec-fixtures.js';
import { type GitHubSim, startGitHubSim } from '../github-sim/index.js';
import { freePort, startRedis, type TestRedis } from '../support/redis.js';
import { runtimeTestEnv, signalListeners, stopRuntimes, until } from '../support/runtime-env.js';

const SECRET = 'roles-secret';

function appEnv(sim: GitHubSim, redis: TestRedis, port: number): NodeJS.ProcessEnv {
  return { ...runtimeTestEnv(sim, redis.url, port, SECRET), SPEC_SYNC_LOCK_MS: '2000' };
}

describe('web and worker roles on Redis', () => {
  let redis: TestRedis;
  let sim: GitHubSim;
  let port: number;
  const runtimes: Runtime[] = [];
  const signalsBefore = signalListeners();
  const app = { timeScale: 0.001, retryDelayMs: 5, processMetrics: false };

  beforeAll(async () => {
    redis = await startRedis();
    sim = await startGitHubSim({ validateResponses: true });
    sim.createRepo('acme/shop', { files: { 'README.md': '# shop\n' } });
    port = await freePort();
    const env = appEnv(sim, redis, port);
    runtimes.push(await startRuntime({ env, role: 'web', app, handleSignals: false }));
    runtimes.push(await startRuntime({ env, role: 'worker', app, handleSignals: false }));
  });
  afterAll(async () => {
    await stopRuntimes(runtimes, signalsBefore);
    await sim?.close();
    await redis?.stop();
  });

  it('the web process queues a push and the worker process syncs it; /healthz and /metrics tell', async () => {
    const { status } = await sim.push({
      repo: 'acme/shop',
      files: { 'specs/001-a/tasks.md': specKitTasks(3), ...SPEC_DOCS('specs/001-a') },
      deliverTo: { url: `http://127.0.0.1:${port}/api/github/webhooks`, secret: SECRET },
    });
    expect(status).toBe(200);
    await until(() => sim.repo('acme/shop').issues.length === 3);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const report = (await health.json()) as Record<string, unknown>;
    expect(report).toMatchObject({ live: true, ready: true, role: 'web', backend: 'redis' });
    expect(Object.keys(report.queue as object).sort()).toEqual(['active', 'delayed', 'failed', 'waiting']);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('spec_sync_webhook_deliveries_total{event="push"} 1');
    expect(metrics).toMatch(/spec_sync_queue_jobs\{state="waiting"\} \d+/);
    expect(sim.violations).toEqual([]);
  });

  it('answers 503 while Redis is unreachable, and 200 again once it is back', async () => {
    await redis.stop();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ live: true, ready: false, queue: null });
    await redis.start();
    await until(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200);
  });
});

describe('the runtime environment', () => {
  it('refuses a web or worker role without Redis, and an unknown role', () => {
    expect(() => readRuntimeEnv({ SPEC_SYNC_ROLE: 'web' })).toThrow('SPEC_SYNC_ROLE=web needs REDIS_URL');
    expect(() => readRuntimeEnv({ SPEC_SYNC_ROLE: 'worker' })).toThrow('needs REDIS_URL');
    expect(() => readRuntimeEnv({ SPEC_SYNC_ROLE: 'cron' })).toThrow('SPEC_SYNC_ROLE');
    expect(readRuntimeEnv({}).SPEC_SYNC_ROLE).toBe('both');
  });

  it('refuses `spec-sync worker` (a role given by the command) without Redis, by the same rule', async () => {
    await expect(startRuntime({ env: {}, role: 'worker', handleSignals: false })).rejects.toThrow(
      'SPEC_SYNC_ROLE=worker needs REDIS_URL',
    );
  });
});
