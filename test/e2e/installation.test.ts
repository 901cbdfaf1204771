import { afterEach, expect, it } from '@jest/globals';
import { webhooks } from '../github-sim/index.js';
import { type Harness, startHarness } from './harness.js';

let harness: Harness;
afterEach(async () => {
  expect(harness.sim.violations).toEqual([]);
  await harness.close();
});

it('checks the specs on the default branch when installed, and opens no issue without consent', async () => {
  harness = await startHarness({
    files: {
      'specs/001-a/tasks.md': '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 One\n',
      'specs/001-a/spec.md': '# s\n',
      'specs/001-a/plan.md': '# p\n',
    },
  });
  const payload = webhooks.installationPayload(harness.sim.state, [harness.sim.repo(harness.repo).state]);
  expect(await webhooks.deliver(harness.app.url, harness.app.secret, 'installation', payload)).toBe(200);
  await harness.idle();
  const view = harness.sim.repo(harness.repo);
  const runs = view.checkRuns.filter((run) => run.headSha === view.sha('main'));
  expect(runs.map((run) => [run.name, run.status])).toEqual([['spec-sync: 001-a', 'completed']]);
  expect(view.issues).toEqual([]);
});
