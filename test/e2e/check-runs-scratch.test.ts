import { it } from '@jest/globals';
import { startHarness } from './harness.js';

it('x', async () => {
  const harness = await startHarness();
  const config = 'issues:\n  enabled: true\ngates:\n  phaseOrder: loud\n';
  await harness.sim.push({
    repo: harness.repo,
    files: { '.github/spec-sync.yml': config, 'specs/002-billing/tasks.md': '- [ ] T001 x\n' },
    deliverTo: harness.app,
  });
  await harness.idle();
  console.log(JSON.stringify(harness.sim.repo(harness.repo).checkRuns, null, 1));
  console.log(harness.sim.log.map((e) => `${e.method} ${e.path} ${e.status}`).join('\n'));
  await harness.close();
});
