import { describe, expect, it } from '@jest/globals';
import { setTaskStatuses } from '../../../src/core/edit-tasks/edit-tasks.js';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';

/** Tasks read from headings have no box: write-back must leave their lines alone and say why. */
const text = [
  '# Tasks',
  '',
  '### T-001: Create the counter ✅',
  '',
  '**Status**: [ ] pending',
  '',
  '**Tests**:',
  '- [ ] Counter increments',
  '',
  '### Task 1.2: Wire the dashboard',
  '',
].join('\n');

describe('write-back and tasks written as headings', () => {
  const document = parseTasks(text, { path: '.specweave/increments/0001/tasks.md' });

  it('reads both headings as tasks with no marker', () => {
    expect(document.tasks.map((task) => [task.id, task.line, task.marker, task.status])).toEqual([
      ['T-001', 3, '', 'open'],
      ['1.2', 10, '', 'open'],
    ]);
  });

  it('reports each tick of a heading task as a conflict and changes no byte', () => {
    const result = setTaskStatuses(text, document.tasks, [
      { id: 'T-001', status: 'done' },
      { id: '1.2', status: 'done' },
    ]);
    expect(result.text).toBe(text);
    expect(result.changed).toEqual([]);
    expect(result.conflicts.map((conflict) => conflict.id)).toEqual(['T-001', '1.2']);
    for (const conflict of result.conflicts) expect(conflict.reason).toMatch(/is a heading, not a checkbox/);
  });

  it('does not tick the acceptance-test box under the heading either', () => {
    const result = setTaskStatuses(text, document.tasks, [{ id: 'T-001', status: 'done' }]);
    expect(result.text.split('\n')[7]).toBe('- [ ] Counter increments');
  });
});
