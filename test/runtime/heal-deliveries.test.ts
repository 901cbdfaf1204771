import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { AppClient } from '../../src/github/app-hook-gateway.js';
import { specSyncOctokit } from '../../src/github/probot-octokit.js';
import { healDeliveries } from '../../src/runtime/heal-deliveries.js';
import { type Harness, startHarness } from '../e2e/harness.js';
import { SPEC_DOCS, specKitTasks } from '../e2e/spec-fixtures.js';
import { commitFiles } from '../github-sim/index.js';
import { quietLog as silent } from '../github-sim/quiet-log.js';
import { commitPushPayload } from '../github-sim/webhooks.js';
import { until } from '../support/runtime-env.js';

describe('healing missed deliveries', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness?.close();
  });

  it('redelivers a failed delivery once, and leaves succeeded and later-succeeded ones alone', async () => {
    harness = await startHarness();
    const { sim } = harness;
    sim.state.hookDeliveries.target = harness.app;
    const state = sim.state.repo(harness.repo)!;
    const sha = commitFiles(sim, harness.repo, 'main', {
      'specs/001-a/tasks.md': specKitTasks(2),
      ...SPEC_DOCS('specs/001-a'),
    });
    const payload = commitPushPayload(sim.state, state, sha, 'main');
    const attempt = (guid: string, statusCode: number, redelivery = false) =>
      sim.state.hookDeliveries.record({
        id: sim.state.nextId(),
        guid,
        deliveredAt: sim.state.isoNow(),
        redelivery,
        statusCode,
        event: 'push',
        action: null,
        installationId: state.installationId,
        repositoryId: state.id,
        payload,
      });
    const missed = randomUUID();
    attempt(missed, 502);
    const healedLater = randomUUID();
    attempt(healedLater, 503);
    attempt(healedLater, 200, true);
    attempt(randomUUID(), 200);

    const OctokitForApp = specSyncOctokit({ retry: false });
    const client = new OctokitForApp({
      auth: { appId: sim.appId, privateKey: sim.privateKey },
      baseUrl: sim.apiUrl,
    }) as unknown as AppClient;
    const redelivered = new Set<string>();
    const options = { log: silent, now: Date.now(), paceMs: 1, redelivered };
    expect(await healDeliveries(client, options)).toBe(1);
    const redeliveredOnce = () =>
      sim.state.hookDeliveries.items.filter((item) => item.guid === missed && item.redelivery);
    await until(() => redeliveredOnce().length > 0, 5000);
    await harness.idle();
    expect(redeliveredOnce().map((item) => item.statusCode)).toEqual([200]);
    expect(sim.repo(harness.repo).issues).toHaveLength(2);

    // a later run, even in a process that forgot what it asked for, asks nothing again
    expect(await healDeliveries(client, { ...options, redelivered: new Set() })).toBe(0);
    const asked = sim.log.filter((entry) => entry.route === '/app/hook/deliveries/{delivery_id}/attempts');
    expect(asked).toHaveLength(1);
    expect(sim.violations).toEqual([]);
  });
});
