import { afterEach, describe, expect, it } from '@jest/globals';
import { type Runtime, startRuntime } from '../../src/runtime/start.js';
import { type GitHubSim, startGitHubSim } from '../github-sim/index.js';
import { freePort } from '../support/free-port.js';
import { runtimeTestEnv, signalListeners, stopRuntimes, until } from '../support/runtime-env.js';
import { SPEC_DOCS, specKitTasks } from './spec-fixtures.js';

const SECRET = 'reconcile-secret';
const ROUND_MS = 1000;
const app = { timeScale: 0.001, retryDelayMs: 5, processMetrics: false };

let sim: GitHubSim;
const runtimes: Runtime[] = [];
const signalsBefore = signalListeners();
afterEach(async () => {
  await stopRuntimes(runtimes.splice(0), signalsBefore);
  expect(sim.violations).toEqual([]);
  await sim.close();
});

/** The simulator with a synced spec's repository and a repository whose spec spec-sync never synced. */
async function start(extraEnv: NodeJS.ProcessEnv): Promise<{ webhooks: { url: string; secret: string } }> {
  sim = await startGitHubSim({ validateResponses: true });
  sim.createRepo('acme/shop', { files: { 'README.md': '# shop\n' } });
  sim.createRepo('acme/tool', {
    files: { 'specs/002-b/tasks.md': specKitTasks(2), ...SPEC_DOCS('specs/002-b') },
  });
  const port = await freePort();
  const env = { ...runtimeTestEnv(sim, undefined, port, SECRET), ...extraEnv };
  runtimes.push(await startRuntime({ env, app, handleSignals: false }));
  const webhooks = { url: `http://127.0.0.1:${port}/api/github/webhooks`, secret: SECRET };
  await sim.push({
    repo: 'acme/shop',
    files: { 'specs/001-a/tasks.md': specKitTasks(3), ...SPEC_DOCS('specs/001-a') },
    deliverTo: webhooks,
  });
  await until(() => sim.repo('acme/shop').issues.length === 3);
  return { webhooks };
}

const rounds = () => sim.log.filter((entry) => entry.route === '/app/installations').length;

describe('the scheduled reconcile', () => {
  it('heals pushes the app never received, and opens no issue for a spec never synced', async () => {
    await start({ SPEC_SYNC_RECONCILE_INTERVAL_MS: String(ROUND_MS) });
    const shop = sim.repo('acme/shop');
    // drift: a push whose webhook never arrived ticks T001 and adds T004
    const ticked = specKitTasks(4, (n) => (n === 1 ? 'x' : ' '));
    await sim.push({ repo: 'acme/shop', files: { 'specs/001-a/tasks.md': ticked } });
    const roundsBefore = rounds();

    const issueOf = (id: string) => shop.issues.filter((issue) => issue.title.startsWith(id));
    await until(() => issueOf('T004').length === 1 && issueOf('T001')[0]?.state === 'closed');
    await until(() => rounds() >= roundsBefore + 2);
    expect(shop.issues.map((issue) => [issue.title.slice(0, 4), issue.state]).sort()).toEqual([
      ['T001', 'closed'],
      ['T002', 'open'],
      ['T003', 'open'],
      ['T004', 'open'],
    ]);
    expect(sim.repo('acme/tool').issues).toEqual([]);
  });

  it('lists nothing and heals nothing when the variable is not set', async () => {
    await start({});
    await sim.push({ repo: 'acme/shop', files: { 'specs/001-a/tasks.md': specKitTasks(4) } });
    await new Promise((resolve) => setTimeout(resolve, 2.5 * ROUND_MS));
    expect(rounds()).toBe(0);
    expect(sim.repo('acme/shop').issues).toHaveLength(3);
  });
});
