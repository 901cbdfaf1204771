import { afterAll, describe, expect, test } from '@jest/globals';
import { parseTasks } from '../../src/core/parse/parse-tasks.js';
import { parseTasksOffThread } from '../../src/workers/parse-off-thread.js';
import { WorkerPool } from '../../src/workers/worker-pool.js';

const pool = new WorkerPool({ threads: 1, timeoutMs: 20_000 });
afterAll(() => pool.close());

/** Each line opens 16 lists (the most the input limits let through): remark spends milliseconds per line. */
function slowButWithinLimits(lines: number): string {
  return `${'- '.repeat(16)}[ ] T001 x\n`.repeat(lines);
}

describe('parseTasksOffThread', () => {
  test('a normal parse equals the in-thread result', async () => {
    const text =
      '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 [P] Create `src/a.ts`\n- [x] T002 Depends on T001\n';
    const options = { path: 'specs/001-a/tasks.md' };
    const offThread = await parseTasksOffThread(pool, text, options);
    expect(offThread).toEqual(parseTasks(text, options));
    expect(offThread.tasks.map((task) => task.id)).toEqual(['T001', 'T002']);
  });

  test('input over a limit comes back as the same finding', async () => {
    const text = '>'.repeat(50_000);
    const document = await parseTasksOffThread(pool, text, { path: 'tasks.md' });
    expect(document.findings.map((finding) => finding.code)).toEqual(['too-deeply-nested']);
  });

  test('a parse over its budget is stopped with a timeout finding while the main thread keeps answering', async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 5);
    const document = await parseTasksOffThread(pool, slowButWithinLimits(20_000), {
      path: 'specs/a/tasks.md',
      timeoutMs: 300,
    });
    clearInterval(timer);
    expect(document.tasks).toEqual([]);
    expect(document.findings).toEqual([
      expect.objectContaining({ code: 'parse-timeout', severity: 'error', line: 1 }),
    ]);
    expect(document.findings[0]!.message).toContain('specs/a/tasks.md took longer than 300 ms to read');
    // The interval ran while the worker was busy: the event loop was never held for the whole parse.
    expect(ticks).toBeGreaterThan(5);
  });

  test('the pool replaces a stopped worker and goes on parsing', async () => {
    await parseTasksOffThread(pool, slowButWithinLimits(20_000), { path: 'a.md', timeoutMs: 100 });
    const document = await parseTasksOffThread(pool, '- [ ] T009 after\n', { path: 'b.md' });
    expect(document.tasks.map((task) => task.id)).toEqual(['T009']);
  });
});
