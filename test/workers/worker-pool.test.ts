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
    expect(document).toEqual(parseTasks(text, { path: 'tasks.md' }));
    expect(document.findings[0]!.message).toContain('too deeply nested to read: 50,000 levels');
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
    const stopped = await parseTasksOffThread(pool, slowButWithinLimits(20_000), {
      path: 'a.md',
      timeoutMs: 100,
    });
    expect(stopped.findings.map((finding) => finding.code)).toEqual(['parse-timeout']);
    const document = await parseTasksOffThread(pool, '- [ ] T009 after\n', { path: 'b.md' });
    expect(document.tasks.map((task) => task.id)).toEqual(['T009']);
  });

  test('waiting for a busy thread does not count against the budget of a task', async () => {
    const [slow, queued] = await Promise.all([
      parseTasksOffThread(pool, slowButWithinLimits(20_000), { path: 'a.md', timeoutMs: 2_000 }),
      // It waits 2 s for the one thread, longer than its own budget, then runs (on a fresh thread) in time.
      parseTasksOffThread(pool, '- [ ] T010 queued\n', { path: 'b.md', timeoutMs: 1_500 }),
    ]);
    expect(slow.findings.map((finding) => finding.code)).toEqual(['parse-timeout']);
    expect(queued.tasks.map((task) => task.id)).toEqual(['T010']);
  });

  test('a worker that runs out of its memory cap gives a parse-failed finding, and the pool goes on', async () => {
    const small = new WorkerPool({ threads: 1, maxHeapMb: 16, timeoutMs: 60_000 });
    try {
      const lines = Array.from(
        { length: 100_000 },
        (_, n) => `- [ ] T${String(n).padStart(6, '0')} task ${n}`,
      );
      const document = await parseTasksOffThread(small, lines.join('\n'), { path: 'tasks.md' });
      expect(document.tasks).toEqual([]);
      expect(document.findings).toEqual([
        expect.objectContaining({ code: 'parse-failed', severity: 'error' }),
      ]);
      expect(document.findings[0]!.message).toContain('memory limit');
      const after = await parseTasksOffThread(small, '- [ ] T001 a\n', { path: 'tasks.md' });
      expect(after.tasks).toHaveLength(1);
    } finally {
      await small.close();
    }
  });
});
