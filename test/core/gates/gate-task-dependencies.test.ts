import { describe, expect, test } from '@jest/globals';
import { gateTaskDependencies } from '../../../src/core/gates/gate-task-dependencies.js';
import { done, spec, task } from './factories.js';

describe('gateTaskDependencies', () => {
  const cases = [
    {
      name: 'dependency done',
      tasks: [done('T001', 1), done('T002', 2, { dependsOn: ['T001'] })],
      expected: [],
    },
    {
      name: 'dependency open',
      tasks: [task('T001', 1), done('T002', 2, { dependsOn: ['T001'] })],
      expected: [{ line: 2, taskId: 'T002', blockingTaskIds: ['T001'] }],
    },
    {
      name: 'open task with open dependency is fine',
      tasks: [task('T001', 1), task('T002', 2, { dependsOn: ['T001'] })],
      expected: [],
    },
    {
      name: 'unknown dependency is ignored',
      tasks: [done('T002', 2, { dependsOn: ['T999'] })],
      expected: [],
    },
    {
      name: 'skipped dependency is not open',
      tasks: [task('T001', 1, { status: 'skipped' }), done('T002', 2, { dependsOn: ['T001'] })],
      expected: [],
    },
    {
      name: 'only the open ones of several, each once',
      tasks: [done('T001', 1), task('T003', 3), done('T004', 4, { dependsOn: ['T001', 'T003', 'T003'] })],
      expected: [{ line: 4, taskId: 'T004', blockingTaskIds: ['T003'] }],
    },
  ];
  test.each(cases)('$name', ({ tasks, expected }) => {
    const found = gateTaskDependencies(spec({ tasks })).map(({ line, taskId, blockingTaskIds }) => ({
      line,
      taskId,
      blockingTaskIds,
    }));
    expect(found).toEqual(expected);
  });
});
