import { describe, expect, test } from '@jest/globals';
import { gateCheckpoints } from '../../../src/core/gates/gate-checkpoints.js';
import { done, phase, spec, task } from './factories.js';

const phases = [phase('1', 1), phase('2', 10)];
const checkpoint = { phase: 'phase-1', line: 8, text: 'Foundation ready' };

describe('gateCheckpoints', () => {
  const cases = [
    {
      name: 'passed with its phase open',
      tasks: [task('T001', 3, { phase: 'phase-1' }), done('T002', 12, { phase: 'phase-2' })],
      checkpoints: [checkpoint],
      expected: [{ line: 8, blockingTaskIds: ['T001'] }],
    },
    {
      name: 'not passed: nothing after it done',
      tasks: [task('T001', 3, { phase: 'phase-1' }), task('T002', 12, { phase: 'phase-2' })],
      checkpoints: [checkpoint],
      expected: [],
    },
    {
      name: 'passed with its phase complete',
      tasks: [done('T001', 3, { phase: 'phase-1' }), done('T002', 12, { phase: 'phase-2' })],
      checkpoints: [checkpoint],
      expected: [],
    },
    {
      name: 'a mid-phase checkpoint is not passed by later tasks of the same phase',
      tasks: [task('T001', 3, { phase: 'phase-1' }), done('T002', 9, { phase: 'phase-1' })],
      checkpoints: [{ phase: 'phase-1', line: 5, text: 'half way' }],
      expected: [],
    },
    {
      name: 'a checkpoint outside phases closes the tasks since the previous checkpoint',
      tasks: [task('A', 2), done('B', 5), done('C', 8)],
      checkpoints: [
        { phase: null, line: 3, text: 'one' },
        { phase: null, line: 6, text: 'two' },
      ],
      expected: [{ line: 3, blockingTaskIds: ['A'] }],
    },
  ];
  test.each(cases)('$name', ({ tasks, checkpoints, expected }) => {
    const found = gateCheckpoints(spec({ phases, tasks, checkpoints })).map(({ line, blockingTaskIds }) => ({
      line,
      blockingTaskIds,
    }));
    expect(found).toEqual(expected);
  });
});
