import { afterEach, expect, it } from '@jest/globals';
import { type Harness, startHarness } from './harness.js';
import { SPEC_DOCS, specKitTasks } from './spec-fixtures.js';

/** A sync GitHub keeps failing: retried, then failed for good, and said so where the user looks. */
const TASKS = 'specs/001-a/tasks.md';

let harness: Harness;
afterEach(async () => {
  await harness.close();
});

it("fails the spec's check run with the reason once its sync has failed for good, and counts it", async () => {
  harness = await startHarness();
  harness.sim.faults.rules.push({
    kind: 'server-error',
    method: 'POST',
    route: '/repos/{owner}/{repo}/issues',
    status: 503,
  });
  const { sha, status } = await harness.sim.push({
    repo: harness.repo,
    files: { [TASKS]: specKitTasks(3), ...SPEC_DOCS('specs/001-a') },
    deliverTo: harness.app,
  });
  expect(status).toBe(200);
  await harness.idle();

  const creates = harness.sim.log.filter(
    (entry) => entry.method === 'POST' && entry.route === '/repos/{owner}/{repo}/issues',
  );
  // the queue's three attempts, each stopped at its first create
  expect(creates.map((entry) => entry.status)).toEqual([503, 503, 503]);
  const runs = harness.sim.repo(harness.repo).checkRuns.filter((run) => run.headSha === sha);
  expect(runs).toHaveLength(1);
  const [run] = runs;
  expect(run!.name).toBe('spec-sync: 001-a');
  expect(run!.status).toBe('completed');
  expect(run!.conclusion).toBe('failure');
  const said = `${run!.output.title}\n${run!.output.summary}`;
  expect(said).toContain("could not sync this spec's issues (tried 3 times)");
  expect(said).toContain('503');
  expect(harness.sim.violations).toEqual([]);

  const metrics = await (await fetch(new URL('/metrics', harness.app.url))).text();
  expect(metrics).toContain('spec_sync_jobs_failed_total{kind="sync-spec"} 1');
});
