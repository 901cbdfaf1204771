import { describe, expect, test } from '@jest/globals';
import { gatePhaseOrder } from '../../../src/core/gates/gate-phase-order.js';
import { done, phase, spec, task } from './factories.js';

const p1 = phase('1', 1, { name: 'Setup' });
const p2 = phase('2', 10, { name: 'Foundational', blockedBy: ['phase-1'] });
const p3 = phase('3', 20, { name: 'Story', blockedBy: ['phase-2'] });

describe('gatePhaseOrder', () => {
  const cases = [
    {
      name: 'done task after a complete blocking phase holds',
      doc: spec({
        phases: [p1, p2],
        tasks: [done('T001', 3, { phase: 'phase-1' }), done('T002', 12, { phase: 'phase-2' })],
      }),
      expected: [],
    },
    {
      name: 'done task while a blocking phase has an open task',
      doc: spec({
        phases: [p1, p2],
        tasks: [task('T001', 3, { phase: 'phase-1' }), done('T002', 12, { phase: 'phase-2' })],
      }),
      expected: [{ line: 12, taskId: 'T002', blockingTaskIds: ['T001'] }],
    },
    {
      name: 'skipped and optional tasks do not block',
      doc: spec({
        phases: [p1, p2],
        tasks: [
          task('T001', 3, { phase: 'phase-1', status: 'skipped' }),
          task('T002', 4, { phase: 'phase-1', optional: true }),
          done('T003', 12, { phase: 'phase-2' }),
        ],
      }),
      expected: [],
    },
    {
      name: 'open tasks in the later phase are no violation',
      doc: spec({
        phases: [p1, p2],
        tasks: [task('T001', 3, { phase: 'phase-1' }), task('T002', 12, { phase: 'phase-2' })],
      }),
      expected: [],
    },
    {
      name: 'only direct blockers count: phase 3 waits for phase 2, not phase 1',
      doc: spec({
        phases: [p1, p2, p3],
        tasks: [
          task('T001', 3, { phase: 'phase-1' }),
          done('T002', 12, { phase: 'phase-2' }),
          done('T003', 22, { phase: 'phase-3' }),
        ],
      }),
      expected: [{ line: 12, taskId: 'T002', blockingTaskIds: ['T001'] }],
    },
    {
      name: 'in-progress and blocked tasks are open',
      doc: spec({
        phases: [p1, p2],
        tasks: [
          task('T001', 3, { phase: 'phase-1', status: 'in_progress' }),
          task('T002', 4, { phase: 'phase-1', status: 'blocked' }),
          done('T003', 12, { phase: 'phase-2' }),
        ],
      }),
      expected: [{ line: 12, taskId: 'T003', blockingTaskIds: ['T001', 'T002'] }],
    },
    {
      name: 'Kiro parent done while a sub-task is open',
      doc: spec({
        tasks: [
          done('1', 3),
          done('1.1', 4, { parent: '1' }),
          task('1.2', 5, { parent: '1' }),
          task('1.3', 6, { parent: '1', optional: true }),
        ],
      }),
      expected: [{ line: 3, taskId: '1', blockingTaskIds: ['1.2'] }],
    },
    {
      name: 'Kiro sub-tasks done while the parent is open is fine',
      doc: spec({ tasks: [task('2', 3), done('2.1', 4, { parent: '2' }), done('2.2', 5, { parent: '2' })] }),
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ doc, expected }) => {
    const found = gatePhaseOrder(doc).map(({ line, taskId, blockingTaskIds }) => ({
      line,
      taskId,
      blockingTaskIds,
    }));
    expect(found).toEqual(expected);
  });

  test('the message names the blocking phase and its open tasks', () => {
    const doc = spec({
      phases: [p1, p2],
      tasks: [task('T001', 3, { phase: 'phase-1' }), done('T002', 12, { phase: 'phase-2' })],
    });
    expect(gatePhaseOrder(doc)[0]?.message).toBe(
      'T002 is done before Phase 1: Setup is complete; T001 still open.',
    );
  });

  test('a phase name with its own brackets is not wrapped in more', () => {
    const named = phase('1', 1, { name: 'Setup (Shared Infrastructure)' });
    const doc = spec({
      phases: [named, p2],
      tasks: [task('T001', 3, { phase: 'phase-1' }), done('T002', 12, { phase: 'phase-2' })],
    });
    expect(gatePhaseOrder(doc)[0]?.message).toBe(
      'T002 is done before Phase 1: Setup (Shared Infrastructure) is complete; T001 still open.',
    );
  });
});
