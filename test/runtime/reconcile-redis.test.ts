import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type Runtime, startRuntime } from '../../src/runtime/start.js';
import { SPEC_DOCS, specKitTasks } from '../e2e/spec-fixtures.js';
import { type GitHubSim, startGitHubSim } from '../github-sim/index.js';
import { freePort, startRedis, type TestRedis } from '../support/redis.js';
import { runtimeTestEnv, signalListeners, stopRuntimes, until } from '../support/runtime-env.js';

const SECRET = 'reconcile-redis-secret';
const app = { timeScale: 0.001, retryDelayMs: 5, processMetrics: false };

let redis: TestRedis;
let sim: GitHubSim;
const runtimes: Runtime[] = [];
const signalsBefore = signalListeners();

beforeAll(async () => {
  redis = await startRedis();
  sim = await startGitHubSim({ validateResponses: true });
});
afterAll(async () => {
  await stopRuntimes(runtimes, signalsBefore);
  await sim?.close();
  await redis?.stop();
});

async function env(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  return { ...runtimeTestEnv(sim, redis.url, await freePort(), SECRET), SPEC_SYNC_LOCK_MS: '2000', ...extra };
}

it('web processes starting together run one round of each schedule, and a worker heals the drift', async () => {
  sim.createRepo('acme/shop', { files: { 'README.md': '# shop\n' } });
  const first = await env();
  runtimes.push(await startRuntime({ env: first, role: 'web', app, handleSignals: false }));
  runtimes.push(await startRuntime({ env: first, role: 'worker', app, handleSignals: false }));
  await sim.push({
    repo: 'acme/shop',
    files: { 'specs/001-a/tasks.md': specKitTasks(3), ...SPEC_DOCS('specs/001-a') },
    deliverTo: { url: `http://127.0.0.1:${first.PORT}/api/github/webhooks`, secret: SECRET },
  });
  const shop = sim.repo('acme/shop');
  await until(() => shop.issues.length === 3);
  // a push the app never received
  await sim.push({ repo: 'acme/shop', files: { 'specs/001-a/tasks.md': specKitTasks(5) } });

  const reconciling = { SPEC_SYNC_RECONCILE_INTERVAL_MS: '60000' };
  const [a, b] = [await env(reconciling), await env(reconciling)];
  runtimes.push(
    ...(await Promise.all([
      startRuntime({ env: a, role: 'web', app, handleSignals: false }),
      startRuntime({ env: b, role: 'web', app, handleSignals: false }),
    ])),
  );
  await until(() => shop.issues.length === 5);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const requestsTo = (route: string) => sim.log.filter((entry) => entry.route === route);
  expect(requestsTo('/app/installations')).toHaveLength(1);
  // the three web processes heal deliveries too (every 10 minutes by default): the first took the round
  expect(requestsTo('/app/hook/deliveries')).toHaveLength(1);
  expect(shop.issues).toHaveLength(5);
  expect(sim.violations).toEqual([]);
});
