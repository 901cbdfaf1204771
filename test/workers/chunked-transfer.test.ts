import { describe, expect, it } from '@jest/globals';
import { parseTasks } from '../../src/core/parse/parse-tasks.js';
import {
  packNow,
  packYielding,
  SLICE_LENGTH,
  unpackNow,
  unpackYielding,
} from '../../src/workers/chunked-transfer.js';

function bigTasks(count: number): string {
  const lines = ['# Tasks', '', '## Phase 1: Setup', ''];
  for (let n = 1; n <= count; n += 1)
    lines.push(`- [ ] T${String(n).padStart(5, '0')} [P] Task ${n} in src/m${n}.ts`);
  return `${lines.join('\n')}\n`;
}

describe('chunked transfer between threads', () => {
  const document = parseTasks(bigTasks(3_000), { path: 'specs/001-big/tasks.md' });

  it('carries a document and a plan-like value across a thread boundary unchanged', async () => {
    const value = {
      plan: { creates: document.tasks.map((task) => ({ taskId: task.id, title: task.title })) },
      doc: document,
    };
    const packed = await packYielding(value);
    // what crosses is text slices, not thousands of records
    expect(Array.isArray((packed.doc as unknown as Record<string, unknown>).tasks)).toBe(false);
    const crossed = structuredClone(packed);
    expect(unpackNow(crossed)).toEqual(value);
    expect(await unpackYielding(structuredClone(packNow(value)))).toEqual(value);
  });

  it('leaves short arrays and values that are not records as they are', async () => {
    const value = { when: new Date(0), few: [1, 2, 3], numbers: Array.from({ length: 2_000 }, (_, n) => n) };
    const packed = packNow(value);
    expect(packed.when).toBeInstanceOf(Date);
    expect(packed.few).toEqual([1, 2, 3]);
    expect(packed.numbers).toEqual(value.numbers);
  });

  it('lets the event loop turn between slices while it unpacks', async () => {
    const packed = structuredClone(packNow(document));
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns += 1;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const slices = Math.ceil(document.tasks.length / SLICE_LENGTH);
    const unpacked = await unpackYielding(packed);
    counting = false;
    expect(unpacked.tasks).toHaveLength(3_000);
    // other work runs between slices: held in one go, the ticker would have run once at most
    expect(turns).toBeGreaterThanOrEqual(slices - 1);
  });

  it('hands a value back frozen throughout when asked, its records frozen as they arrive', async () => {
    const unpacked = await unpackYielding(structuredClone(packNow(document)), { freeze: true });
    expect(unpacked).toEqual(document);
    expect(Object.isFrozen(unpacked)).toBe(true);
    expect(Object.isFrozen(unpacked.tasks)).toBe(true);
    expect(Object.isFrozen(unpacked.tasks[2_999]!.files)).toBe(true);
    expect(Object.isFrozen(unpacked.frontmatter)).toBe(true);
    const thawed = await unpackYielding(structuredClone(packNow(document)));
    expect(Object.isFrozen(thawed.tasks[0])).toBe(false);
  });
});
