import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type Runtime, startRuntime } from '../../src/runtime/start.js';
import { SPEC_DOCS, specKitTasks, taskId } from '../e2e/spec-fixtures.js';
import { type GitHubSim, startGitHubSim } from '../github-sim/index.js';
import { freePort, startRedis, type TestRedis } from '../support/redis.js';
import { runtimeTestEnv, signalListeners, stopRuntimes, until } from '../support/runtime-env.js';

/**
 * Redis restarted while a web and a worker process are syncing: the jobs it held (on disk, as a production
 * Redis keeps them) resume once it is back, and none is lost or run into duplicates.
 */
const SECRET = 'restart-secret';
const REPOS = ['acme/a', 'acme/b', 'acme/c', 'acme/d', 'acme/e', 'acme/f'];
const TASKS = 'specs/001-a/tasks.md';
const COUNT = 8;

let redis: TestRedis;
let sim: GitHubSim;
let port: number;
const runtimes: Runtime[] = [];
const signalsBefore = signalListeners();

beforeAll(async () => {
  redis = await startRedis({ persist: true });
  sim = await startGitHubSim({ validateResponses: true });
  port = await freePort();
  const env = { ...runtimeTestEnv(sim, redis.url, port, SECRET), SPEC_SYNC_LOCK_MS: '1500' };
  // retries a little slower than the restart takes, so that a job failing while Redis is away is retried after
  const app = { timeScale: 0.001, retryDelayMs: 400, processMetrics: false };
  runtimes.push(await startRuntime({ env, role: 'web', app, handleSignals: false }));
  runtimes.push(await startRuntime({ env, role: 'worker', app, handleSignals: false }));
}, 30_000);

afterAll(async () => {
  await stopRuntimes(runtimes, signalsBefore);
  await sim?.close();
  await redis?.stop();
}, 30_000);

const total = () => REPOS.reduce((sum, repo) => sum + sim.repo(repo).issues.length, 0);

it('resumes every queued and running job after Redis restarts, losing none and duplicating none', async () => {
  // each issue takes a while to make, so the restart falls in the middle of the run
  sim.faults.rules.push({ kind: 'slow', method: 'POST', route: '/repos/{owner}/{repo}/issues', delayMs: 40 });
  for (const repo of REPOS) sim.createRepo(repo, { files: { 'README.md': '# repo\n' } });
  const target = { url: `http://127.0.0.1:${port}/api/github/webhooks`, secret: SECRET };
  for (const repo of REPOS) {
    const { status } = await sim.push({
      repo,
      files: { [TASKS]: specKitTasks(COUNT), ...SPEC_DOCS('specs/001-a') },
      deliverTo: target,
    });
    expect(status).toBe(200);
  }
  await until(() => total() >= 3);
  await redis.stop();
  const whileAway = total();
  await new Promise((resolve) => setTimeout(resolve, 300));
  await redis.start();
  // some work was still to do when Redis went away, and all of it gets done after it came back
  expect(whileAway).toBeLessThan(REPOS.length * COUNT);
  await until(() => total() === REPOS.length * COUNT, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 500)); // a duplicate would show up in this time
  for (const repo of REPOS) {
    const titles = sim.repo(repo).issues.map((issue) => issue.title);
    expect([repo, titles.sort()]).toEqual([
      repo,
      Array.from({ length: COUNT }, (_, n) => `${taskId(n + 1)} Task ${n + 1}`).sort(),
    ]);
  }
  expect(sim.violations).toEqual([]);
}, 90_000);
