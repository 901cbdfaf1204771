import { startHarness } from '../test/e2e/harness.js';
import { notCounted } from './sync-bench.js';

/**
 * Requests of a 60-task spec with the structure on (parent issue, sub-issues, blocked-by) beside the least
 * the outcome can cost, and of an unchanged re-sync, where nothing about issues should be written.
 */

const TASKS = 'specs/001-bench/tasks.md';
const COUNT = 60;

/** Every fifth task depends on the one before it. */
function spec(trailer = ''): string {
  const lines = ['# Tasks: Bench', '', '## Phase 1: Setup', ''];
  for (let n = 1; n <= COUNT; n += 1) {
    const dep = n % 5 === 0 ? ` (depends on T${String(n - 1).padStart(3, '0')})` : '';
    lines.push(`- [ ] T${String(n).padStart(3, '0')} Task number ${n}${dep}`);
  }
  return `${lines.join('\n')}\n${trailer}`;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export async function benchStructure(): Promise<void> {
  console.log('\n## Structure on: a 60-task spec with parent issue, sub-issues and blocked-by (simulator)\n');
  const harness = await startHarness({
    files: { '.github/spec-sync.yml': 'structure:\n  subIssues: true\n  blockedBy: true\n' },
  });
  const relations = Math.floor(COUNT / 5);
  try {
    for (const [name, text, least] of [
      [
        'first sync',
        spec(),
        `${COUNT} creates + 1 parent + ${COUNT} sub-issue links + ${relations} blocked-by + 2 labels + 2 check-run writes = ${COUNT * 2 + relations + 5} (+1 installation token)`,
      ],
      ['unchanged re-sync', spec('\n'), '0 writes to issues (2 check-run writes)'],
    ] as const) {
      harness.sim.resetLog();
      await harness.sim.push({ repo: harness.repo, files: { [TASKS]: text }, deliverTo: harness.app });
      await harness.idle();
      const log = [...harness.sim.log];
      const writes = log.filter((entry) => WRITE_METHODS.has(entry.method));
      const issueWrites = writes.filter((entry) => entry.route?.includes('/issues')).length;
      console.log(
        `${name.padEnd(20)} ${String(log.length).padStart(4)} requests${notCounted(harness.sim.counters())}, ${String(writes.length).padStart(3)} writes (${issueWrites} to issues)   least possible: ${least}`,
      );
      if (process.env.SPEC_SYNC_BENCH_ROUTES) {
        const byRoute = new Map<string, number>();
        for (const entry of log) {
          const key = `${entry.method} ${entry.route ?? entry.path}`;
          byRoute.set(key, (byRoute.get(key) ?? 0) + 1);
        }
        for (const [route, count] of byRoute) console.log(`    ${String(count).padStart(3)} × ${route}`);
      }
    }
  } finally {
    await harness.close();
  }
}
