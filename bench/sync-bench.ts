import { type Harness, startHarness } from '../test/e2e/harness.js';
import { type Counters, commitFiles } from '../test/github-sim/index.js';

/**
 * Requests per scenario against the simulator, beside the least each scenario can cost, and the wall time
 * of a 300-task first sync against the bound that 80 content-creating requests a minute sets. The `304`
 * column counts the reads (among `reads`) answered Not Modified: GitHub does not count them against the rate limit.
 */

function spec(count: number, done: (n: number) => boolean = () => false): string {
  const lines = ['# Tasks: Bench', '', '## Phase 1: Setup', ''];
  for (let n = 1; n <= count; n += 1) {
    const id = `T${String(n).padStart(3, '0')}`;
    lines.push(`- [${done(n) ? 'X' : ' '}] ${id} Task number ${n} in src/module${n}.ts`);
  }
  return `${lines.join('\n')}\n`;
}

const DOCS = { 'specs/001-bench/spec.md': '# Spec\n', 'specs/001-bench/plan.md': '# Plan\n' };

async function measure(harness: Harness, act: () => Promise<unknown>): Promise<Counters & { ms: number }> {
  harness.sim.resetLog();
  const started = performance.now();
  await act();
  await harness.idle();
  return { ...harness.sim.counters(), ms: performance.now() - started };
}

function row(name: string, counters: Counters, least: string): void {
  console.log(
    `${name.padEnd(44)} ${String(counters.reads).padStart(6)} ${String(counters.notModified).padStart(5)} ${String(counters.writes).padStart(7)} ${String(counters.contentCreating).padStart(9)}   ${least}`,
  );
}

/** A 304 is a request, but GitHub does not count it against the primary rate limit. */
export function notCounted({ notModified }: Pick<Counters, 'notModified'>): string {
  return notModified === 0 ? '' : ` (${notModified} answered 304, not counted by GitHub)`;
}

async function requestScenarios(): Promise<void> {
  const harness = await startHarness();
  const push = (files: Record<string, string>) =>
    harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
  try {
    console.log(
      `${'scenario'.padEnd(44)} ${'reads'.padStart(6)} ${'304'.padStart(5)} ${'writes'.padStart(7)} ${'creating'.padStart(9)}   least possible`,
    );
    row('push touching no spec', await measure(harness, () => push({ 'src/a.ts': 'x' })), '0 requests');
    const first = await measure(harness, () => push({ ...DOCS, 'specs/001-bench/tasks.md': spec(60) }));
    row('first push of a 60-task spec (sync + check)', first, '60 creates + labels + check run (2 writes)');
    const same = await measure(harness, () => push({ 'specs/001-bench/spec.md': '# Spec, edited\n' }));
    row('push touching the spec, tasks unchanged', same, 'reads only for the sync; check run writes 2');
    const ticked = await measure(harness, () =>
      push({ 'specs/001-bench/tasks.md': spec(60, (n) => n <= 5) }),
    );
    row('5 tasks ticked', ticked, '5 writes (closes) + check run writes');
    commitFiles(harness.sim, harness.repo, 'feature/ticks', { 'src/feature.ts': 'export {};\n' });
    const pull = harness.sim.createPullRequest(harness.repo, {
      title: 'Add the feature',
      head: 'feature/ticks',
      base: 'main',
      body: 'Implements T010, T011, T012',
    });
    const merged = await measure(harness, () =>
      harness.sim.mergePullRequest(harness.repo, pull.number, harness.app),
    );
    row(
      'PR merged, implements 3 tasks',
      merged,
      '3 PR reads + tasks.md read; 1 commit + 3 closes (+3 comments)',
    );
    if (harness.sim.violations.length > 0) console.log(`schema violations: ${harness.sim.violations.length}`);
  } finally {
    await harness.close();
  }
}

/** GitHub's write methods; everything else is a read. */
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * The same scenarios measured on the code before the job context (each job re-read the repository, the
 * spec branch, the issue listing, the labels and the unchanged documents): printed beside today's figures.
 */
const BEFORE = {
  tick: '18 requests, 3 writes (1 to issues)',
  touch: '16 requests, 2 writes (0 to issues)',
};

/**
 * Requests a routine push costs (the config is cached for a minute, as between the pushes of a working
 * session; a push after that adds its one or two config reads): ticking one box in a 5-task spec (target: at most 9 requests, of which 3
 * writes: the issue close, the check run's create and complete), and touching the spec without changing its
 * tasks (target: no issue write). `SPEC_SYNC_BENCH_ROUTES=1` lists each request.
 */
export async function routinePushes(): Promise<void> {
  const harness = await startHarness();
  const push = (files: Record<string, string>) =>
    harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
  const tasks = 'specs/001-bench/tasks.md';
  try {
    await push({ ...DOCS, [tasks]: spec(5) });
    await harness.idle();
    for (const [name, files, before] of [
      ['push ticking 1 task of a 5-task spec', { [tasks]: spec(5, (n) => n === 1) }, BEFORE.tick],
      [
        'push touching the spec, tasks unchanged',
        { 'specs/001-bench/plan.md': '# Plan, edited\n' },
        BEFORE.touch,
      ],
    ] as const) {
      const counters = await measure(harness, () => push(files));
      const log = [...harness.sim.log];
      const writes = log.filter((entry) => WRITE_METHODS.has(entry.method));
      const issueWrites = writes.filter((entry) => entry.route?.includes('/issues')).length;
      console.log(
        `${name.padEnd(44)} ${String(log.length).padStart(3)} requests${notCounted(counters)}, ${writes.length} writes (${issueWrites} to issues)   before: ${before}`,
      );
      if (process.env.SPEC_SYNC_BENCH_ROUTES)
        for (const entry of log)
          console.log(`    ${entry.method} ${entry.route ?? entry.path} ${entry.status}`);
    }
  } finally {
    await harness.close();
  }
}

/** GitHub-time: the pacer, the simulator's secondary limits and its 300 ms per create all run `scale` times faster. */
export async function bigFirstSync(scale: number): Promise<void> {
  const harness = await startHarness({
    timeScale: scale,
    sim: {
      faults: {
        // GitHub takes a few hundred milliseconds to create an issue; the simulator answers at once
        rules: [
          { kind: 'slow', method: 'POST', route: '/repos/{owner}/{repo}/issues', delayMs: 300 * scale },
        ],
        seed: 1,
        secondaryLimit: { perMinute: 80, perHour: 500, windowMs: 60_000 * scale },
      },
    },
  });
  try {
    const result = await measure(harness, () =>
      harness.sim.push({
        repo: harness.repo,
        files: { ...DOCS, 'specs/001-bench/tasks.md': spec(300) },
        deliverTo: harness.app,
      }),
    );
    const secondary = harness.sim.log.filter((entry) => entry.status === 403 || entry.status === 429).length;
    const githubMinutes = result.ms / scale / 60_000;
    // The app's own time (start-up, parsing, rendering, the simulator's answers) does not slow down with the
    // clock: counted once, with only the paced span between the first and the last write scaled.
    const writes = harness.sim.log.filter((entry) => entry.contentCreating).map((entry) => entry.at);
    const span = Math.max(...writes) - Math.min(...writes);
    const pacedMinutes = ((result.ms - span) / 1 + span / scale) / 60_000;
    const boundMinutes = result.contentCreating / 80;
    console.log(
      `300-task first sync: ${result.contentCreating} content-creating requests, ${pacedMinutes.toFixed(2)} min at GitHub's pace ` +
        `(${githubMinutes.toFixed(2)} min counting the app's own time ${1 / scale} times too; measured ${(result.ms / 1000).toFixed(1)} s on a ${1 / scale}x clock); ` +
        `bound at 80/min: ${boundMinutes.toFixed(2)} min, at 1 write a second: ${(result.contentCreating / 60).toFixed(2)} min; ` +
        `secondary-limit refusals: ${secondary}; issues: ${harness.sim.repo(harness.repo).issues.length}`,
    );
  } finally {
    await harness.close();
  }
}

export async function benchSync(): Promise<void> {
  console.log('\n## Issue sync: requests per scenario (simulator)\n');
  await requestScenarios();
  console.log(
    '\n## Routine pushes (targets: ticking 1 of 5 tasks <= 9 requests, 3 writes; unchanged tasks: 0 issue writes)\n',
  );
  await routinePushes();
  console.log('');
  await bigFirstSync(0.1);
}
