import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SpecDocument } from '../src/core/model.js';
import { parseTasks } from '../src/core/parse/parse-tasks.js';
import { scanTaskReferences } from '../src/core/refs/find-task-references.js';
import { neutralizeMarkdown } from '../src/core/text/neutralize-text.js';
import { parseTasksOffThread } from '../src/workers/parse-off-thread.js';
import { WorkerPool } from '../src/workers/worker-pool.js';

/**
 * The hostile inputs of docs/security.md: how long each takes to be refused (or read within its bound),
 * and the worst event-loop block while they are processed through the worker pool (goal: under 50 ms).
 */

const HOSTILE_TASKS: [string, string][] = [
  ['tasks.md: "- " x 50,000 + "[ ] T001"', `${'- '.repeat(50_000)}[ ] T001\n`],
  ['tasks.md: "[" x 200,000', '['.repeat(200_000)],
  ['tasks.md: ">" x 50,000', '>'.repeat(50_000)],
  ['tasks.md: "[\\n" x 200,000', '[\n'.repeat(200_000)],
  // Within every pre-parse limit, yet slow for remark: only the time budget stops it.
  ['tasks.md: 16-deep lists x 20,000 lines', `${'- '.repeat(16)}[ ] T001 x\n`.repeat(20_000)],
];

const TIMEOUT_MS = 2_000;

function rangesBody(count: number): string {
  const ranges = Array.from({ length: count }, (_, n) => {
    const from = n * 200 + 1;
    return `T${String(from).padStart(3, '0')}-T${String(from + 199).padStart(3, '0')}`;
  });
  return `Closes ${ranges.join(', ')}`;
}

/** `too-large: tasks.md is too deeply nested to read`, or the number of tasks read. */
function outcomeOf(document: SpecDocument): string {
  const finding = document.findings.find((found) => found.severity === 'error');
  return finding ? `${finding.code}: ${finding.message.split(':')[0]}` : `${document.tasks.length} tasks`;
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

/** On the main thread, each call is one block of the event loop: its time is the block. */
function mainThreadFigures(): void {
  const body = rangesBody(5_000);
  const refs = timed(() =>
    scanTaskReferences(
      { title: '', body, headBranch: 'x', commitMessages: [] },
      { closingWords: ['closes'], titleIdsClose: true },
    ),
  );
  console.log(
    `PR body of 5,000 ranges (${Math.round(body.length / 1024)} KB): ${refs.ms.toFixed(1)} ms on the main thread, ${refs.value.references.length} IDs read, ${refs.value.ignored.ids.toLocaleString('en-US')} ignored`,
  );
  for (const [name, text] of HOSTILE_TASKS.slice(0, 4)) {
    const parsed = timed(() => parseTasks(text, { path: 'tasks.md' }));
    console.log(`${name}: refused in ${parsed.ms.toFixed(1)} ms (${outcomeOf(parsed.value)})`);
  }
  const mentions = `${'@everyone #1 <b> [x](javascript:y) '.repeat(20_000)}`;
  const neutral = timed(() => neutralizeMarkdown(mentions));
  console.log(
    `neutralise ${Math.round(mentions.length / 1024)} KB of mentions, HTML and links: ${neutral.ms.toFixed(1)} ms`,
  );
}

/** The worst block of an idle event loop over the same resolution: the machine's own noise. */
export async function idleBaselineMs(): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  delay.disable();
  return delay.max / 1e6;
}

async function poolFigures(): Promise<void> {
  const pool = new WorkerPool({ threads: 1, timeoutMs: TIMEOUT_MS });
  await parseTasksOffThread(pool, '- [ ] T001 warm-up\n', { path: 'tasks.md' });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  try {
    for (const [name, text] of HOSTILE_TASKS) {
      const start = performance.now();
      const document = await parseTasksOffThread(pool, text, { path: 'tasks.md' });
      const outcome = outcomeOf(document);
      console.log(`  via pool, ${name}: ${(performance.now() - start).toFixed(0)} ms (${outcome})`);
    }
  } finally {
    delay.disable();
    await pool.close();
  }
  const idle = await idleBaselineMs();
  console.log(
    `worst event-loop block while hostile tasks.md files went through the pool: ${(delay.max / 1e6).toFixed(1)} ms (goal < 50 ms; idle loop on this machine: ${idle.toFixed(1)} ms; time budget ${TIMEOUT_MS} ms)`,
  );
}

export async function benchHostile(): Promise<void> {
  mainThreadFigures();
  await poolFigures();
}
