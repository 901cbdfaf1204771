import { afterEach, expect, it } from '@jest/globals';
import { DEFAULT_RATE_LIMIT } from '../github-sim/faults.js';
import { type Harness, startHarness } from './harness.js';

let harness: Harness;
afterEach(async () => {
  await harness.close();
});

it('serves Prometheus metrics counting the jobs a push ran and the requests they made', async () => {
  harness = await startHarness();
  const { status } = await harness.sim.push({
    repo: harness.repo,
    files: {
      'specs/001-a/tasks.md': '- [ ] T001 One\n',
      'specs/001-a/spec.md': '# s\n',
      'specs/001-a/plan.md': '# p\n',
    },
    deliverTo: harness.app,
  });
  expect(status).toBe(200);
  await harness.idle();
  const response = await fetch(new URL('/metrics', harness.app.url));
  const text = await response.text();
  expect(response.status).toBe(200);
  expect(text).toContain('spec_sync_jobs_total{kind="push",outcome="done"} 1');
  expect(text).toContain('spec_sync_jobs_total{kind="sync-spec",outcome="done"} 1');
  const created = harness.sim.log.filter(
    (entry) =>
      entry.method === 'POST' && entry.status === 201 && entry.route === '/repos/{owner}/{repo}/issues',
  );
  expect(created).toHaveLength(1);
  expect(text).toMatch(/spec_sync_github_requests_total\{method="POST",status="201"\} \d+/);
  expect(text).toMatch(/spec_sync_job_duration_seconds_count\{kind="sync-spec",outcome="done"\} 1/);
  // the simulator answers every request with the limit's remaining count, as GitHub does
  const remaining = /spec_sync_github_rate_limit_remaining\{installation="(\d+)"\} (\d+)/.exec(text);
  expect(remaining?.[1]).toBe(String(harness.sim.installationId(harness.repo)));
  expect(Number(remaining?.[2])).toBeLessThan(DEFAULT_RATE_LIMIT);
  expect(Number(remaining?.[2])).toBeGreaterThanOrEqual(DEFAULT_RATE_LIMIT - harness.sim.log.length);
});
