import { afterEach, expect, it } from '@jest/globals';
import { commitFiles, webhooks } from '../github-sim/index.js';
import { type Harness, startHarness } from './harness.js';

let harness: Harness;
afterEach(async () => {
  expect(harness.sim.violations).toEqual([]);
  await harness.close();
});

it('checks every spec at a merge group head when the merge queue asks', async () => {
  harness = await startHarness();
  const spec = {
    'specs/001-a/tasks.md': '# Tasks\n\n## Phase 1: Setup\n\n- [x] T001 One\n',
    'specs/001-a/spec.md': '# s\n',
    'specs/001-a/plan.md': '# p\n',
  };
  const head = commitFiles(harness.sim, harness.repo, 'gh-readonly-queue/main/pr-7-abc', spec);
  // GitHub's merge_group payload, built on a check_suite example's repository and installation.
  const base = webhooks.checkSuitePayload(
    harness.sim.state,
    harness.sim.repo(harness.repo).state,
    head,
    'main',
    'requested',
  );
  const payload = {
    action: 'checks_requested',
    merge_group: {
      head_sha: head,
      head_ref: 'refs/heads/gh-readonly-queue/main/pr-7-abc',
      base_sha: harness.sim.repo(harness.repo).sha('main'),
      base_ref: 'refs/heads/main',
      head_commit: null,
    },
    repository: base.repository,
    installation: base.installation,
    sender: base.sender,
  };
  expect(await webhooks.deliver(harness.app.url, harness.app.secret, 'merge_group', payload)).toBe(200);
  await harness.idle();
  const runs = harness.sim.repo(harness.repo).checkRuns.filter((run) => run.headSha === head);
  expect(runs.map((run) => [run.name, run.status, run.conclusion])).toEqual([
    ['spec-sync: 001-a', 'completed', 'success'],
  ]);
  expect(harness.sim.repo(harness.repo).issues).toEqual([]);
});
