import { afterEach, expect, it } from '@jest/globals';
import { type Harness, startHarness } from './harness.js';

let harness: Harness;
afterEach(async () => {
  expect(harness.sim.violations).toEqual([]);
  await harness.close();
});

const SPEC = {
  'specs/001-a/spec.md': '# Spec\n',
  'specs/001-a/plan.md': '# Plan\n',
  'specs/001-a/tasks.md': '# Tasks\n\n## Phase 1: Setup\n\n- [x] T001 Done already\n- [ ] T002 Still open\n',
};

it('requires every task done on a branch with a pull request into the default branch, when configured', async () => {
  harness = await startHarness({
    files: {
      'README.md': '# r\n',
      '.github/spec-sync.yml': 'gates:\n  completionOnDefaultBranchPullRequests: true\n',
    },
  });
  const run = (sha: string) =>
    harness.sim.repo(harness.repo).checkRuns.find((check) => check.headSha === sha);
  const first = await harness.sim.push({
    repo: harness.repo,
    branch: 'feature/x',
    files: SPEC,
    deliverTo: harness.app,
  });
  expect(first.status).toBe(200);
  await harness.idle();
  // No pull request yet: completion stays off, and the open task is fine.
  expect(run(first.sha)?.conclusion).toBe('success');

  harness.sim.createPullRequest(harness.repo, { title: 'Feature', head: 'feature/x', base: 'main' });
  const second = await harness.sim.push({
    repo: harness.repo,
    branch: 'feature/x',
    files: { 'specs/001-a/spec.md': '# Spec, edited\n' },
    deliverTo: harness.app,
  });
  expect(second.status).toBe(200);
  await harness.idle();
  const check = run(second.sha);
  expect(check?.conclusion).toBe('failure');
  expect(check?.annotations.some((annotation) => annotation.message.includes('T002'))).toBe(true);
});
