import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type Harness, startHarness } from '../test/e2e/harness.js';
import { deliverEditedPull, doublingTemplate, rangesBody } from '../test/e2e/hostile-inputs.js';
import { SPEC_DOCS as DOCS } from '../test/e2e/spec-fixtures.js';
import { idleBaselineMs } from './hostile-bench.js';

/**
 * The hostile inputs of docs/security.md through the whole app (webhook → queue → job → worker pool →
 * simulator): how long until each is refused (the job done), how long a normal delivery to another
 * repository waits for its answer meanwhile, and the worst event-loop block over all of it.
 */

type Deliver = (harness: Harness) => Promise<unknown>;

const pushTasks =
  (text: string): Deliver =>
  (harness) =>
    harness.sim.push({
      repo: harness.repo,
      files: { 'specs/001-bad/tasks.md': text, ...DOCS('specs/001-bad') },
      deliverTo: harness.app,
    });

const CASES: Array<[string, Deliver]> = [
  ['tasks.md "- " x 50,000 + "[ ] T001"', pushTasks(`${'- '.repeat(50_000)}[ ] T001\n`)],
  ['tasks.md "[" x 200,000', pushTasks('['.repeat(200_000))],
  ['tasks.md ">" x 50,000', pushTasks('>'.repeat(50_000))],
  ['tasks.md 16-deep lists x 20,000 lines', pushTasks(`${'- '.repeat(16)}[ ] T001 x\n`.repeat(20_000))],
  ['PR description of 5,000 ranges (edited)', (harness) => deliverEditedPull(harness, rangesBody(5_000))],
  [
    'body template doubling 24 times',
    (harness) =>
      harness.sim.push({
        repo: harness.repo,
        files: {
          '.github/spec-sync.yml': 'issues:\n  bodyTemplate: .github/body.md\n',
          '.github/body.md': doublingTemplate(24),
        },
        deliverTo: harness.app,
      }),
  ],
];

async function otherDeliveryMs(harness: Harness, repo: string, n: number): Promise<number> {
  const started = performance.now();
  await harness.sim.push({
    repo,
    files: { 'specs/001-a/tasks.md': `- [ ] T001 A normal task ${n}\n`, ...DOCS('specs/001-a') },
    deliverTo: harness.app,
  });
  return performance.now() - started;
}

export async function benchHostileApp(): Promise<void> {
  // The simulator shares this process: its checking of every response against GitHub's OpenAPI description
  // is a test's cost, not the app's, so it is off here.
  const harness = await startHarness({
    sim: { validateResponses: false },
    files: { 'specs/001-a/tasks.md': '- [ ] T001 One\n', ...DOCS('specs/001-a') },
  });
  const other = 'acme/other';
  harness.sim.createRepo(other, { files: { 'README.md': '# other\n' } });
  // Warm-up: the first job starts the worker thread.
  await harness.deliverPush(harness.sim.repo(harness.repo).state.branches.get('main')!);
  await harness.idle();
  console.log('\nhostile inputs through the app (webhook → job → worker pool → simulator):');
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let worst = 0;
  try {
    for (const [index, [name, deliver]] of CASES.entries()) {
      delay.reset();
      const started = performance.now();
      await deliver(harness);
      const answerMs = await otherDeliveryMs(harness, other, index);
      await harness.idle();
      const doneMs = performance.now() - started;
      const blockMs = delay.max / 1e6;
      worst = Math.max(worst, blockMs);
      console.log(
        `  ${name.padEnd(42)} refused and done in ${doneMs.toFixed(0).padStart(5)} ms; another repository answered in ${answerMs.toFixed(0).padStart(4)} ms; worst block ${blockMs.toFixed(1)} ms`,
      );
    }
  } finally {
    delay.disable();
    await harness.close();
  }
  const idle = await idleBaselineMs();
  console.log(
    `worst event-loop block of the app (and the simulator, in the same process) while they were processed: ${worst.toFixed(1)} ms (goal < 50 ms; idle loop on this machine: ${idle.toFixed(1)} ms)`,
  );
}
