import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, expect, it } from '@jest/globals';
import { WORKER_THREAD_NICENESS } from '../../src/workers/thread-priority.js';
import { WorkerPool } from '../../src/workers/worker-pool.js';

/** Each thread of this process and its niceness, as Linux reports them (`/proc/self/task/<tid>/stat`). */
function threadNiceness(): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // fields after the command's closing parenthesis start at field 3 (state); niceness is field 19
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    threads.set(Number(tid), Number(fields[16]));
  }
  return threads;
}

const pool = new WorkerPool({ threads: 1, timeoutMs: 20_000 });
afterAll(() => pool.close());

const onLinux = process.platform === 'linux' ? it : it.skip;

onLinux(
  "runs the pool's work at background priority, leaving the event loop's thread as it was",
  async () => {
    const before = threadNiceness();
    const outcome = await pool.run('parseTasks', {
      text: '- [ ] T001 One\n',
      options: { path: 'specs/001/tasks.md' },
    });
    expect(outcome.kind).toBe('done');
    const after = threadNiceness();
    const started = [...after].filter(([tid]) => !before.has(tid));
    // the pool's thread stays alive after its task (piscina's idle timeout)
    expect(started.some(([, niceness]) => niceness === WORKER_THREAD_NICENESS)).toBe(true);
    expect(after.get(process.pid)).toBe(before.get(process.pid));
  },
);
