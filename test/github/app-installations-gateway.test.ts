import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AppClient } from '../../src/github/app-hook-gateway.js';
import { AppInstallationsGateway } from '../../src/github/app-installations-gateway.js';
import { specSyncOctokit } from '../../src/github/probot-octokit.js';
import { type GitHubSim, startGitHubSim } from '../github-sim/index.js';

const BIG = 120;
let sim: GitHubSim;
const Octokit = specSyncOctokit({ retry: false });

function clientFor(installationId?: number): AppInstallationsGateway {
  const auth = {
    appId: sim.appId,
    privateKey: sim.privateKey,
    ...(installationId ? { installationId } : {}),
  };
  return new AppInstallationsGateway(new Octokit({ auth, baseUrl: sim.apiUrl }) as unknown as AppClient);
}

beforeAll(async () => {
  sim = await startGitHubSim({ validateResponses: true });
  sim.createRepo('acme/shop', { installationId: 7001 });
  sim.createRepo('acme/docs', { installationId: 7001 });
  sim.createRepo('solo/tool', { installationId: 7002 });
  for (let n = 0; n < BIG; n += 1) sim.createRepo(`big/r${n}`, { installationId: 7003 });
});
afterAll(async () => {
  await sim.close();
});

describe('AppInstallationsGateway over the simulator', () => {
  it("lists the app's installations", async () => {
    expect((await clientFor().listInstallationIds(10)).sort()).toEqual([7001, 7002, 7003]);
  });

  it("lists only the repositories of the token's installation, across pages, within the bound", async () => {
    const shop = await clientFor(7001).listRepositories(10);
    expect(shop.map((r) => `${r.owner}/${r.repo}`).sort()).toEqual(['acme/docs', 'acme/shop']);
    expect(shop[0]).toMatchObject({ defaultBranch: 'main', htmlUrl: expect.stringContaining('/acme/') });
    const big = await clientFor(7003).listRepositories(10);
    expect(new Set(big.map((r) => r.repo)).size).toBe(BIG);
    expect(await clientFor(7003).listRepositories(1)).toHaveLength(100);
    expect(sim.violations).toEqual([]);
  });

  it("answers the repositories only to an installation token, not to the app's JWT", async () => {
    const app = new Octokit({ auth: { appId: sim.appId, privateKey: sim.privateKey }, baseUrl: sim.apiUrl });
    const { token } = (await app.auth({ type: 'app' })) as { token: string };
    const answer = await fetch(`${sim.apiUrl}/installation/repositories`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json' },
    });
    expect(answer.status).toBe(403);
  });
});
