import { describe, expect, test } from '@jest/globals';
import { setTaskStatuses, type TaskStatusChange } from '../../../src/core/edit-tasks/edit-tasks.js';
import type { Task, TaskStatus } from '../../../src/core/model.js';
import { taskWith } from '../task-factory.js';

function task(id: string, line: number, marker: string, status: TaskStatus, optional = false): Task {
  return taskWith({ id, title: id, line, marker, status, optional });
}

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

describe('setTaskStatuses: the file keeps its own marker convention', () => {
  const cases: [string, string, Task[], TaskStatusChange[], string][] = [
    [
      'lower-case x file: done is x',
      lines('# Tasks', '- [ ] T001 Setup', '- [x] T002 Model', '- [ ] T003 [P] API'),
      [task('T001', 2, ' ', 'open'), task('T002', 3, 'x', 'done'), task('T003', 4, ' ', 'open')],
      [
        { id: 'T001', status: 'done' },
        { id: 'T003', status: 'done' },
      ],
      lines('# Tasks', '- [x] T001 Setup', '- [x] T002 Model', '- [x] T003 [P] API'),
    ],
    [
      'mostly upper-case X file: done is X',
      lines('- [X] T001 a', '- [X] T002 b', '- [x] T003 c', '- [ ] T004 d'),
      [
        task('T001', 1, 'X', 'done'),
        task('T002', 2, 'X', 'done'),
        task('T003', 3, 'x', 'done'),
        task('T004', 4, ' ', 'open'),
      ],
      [{ id: 'T004', status: 'done' }],
      lines('- [X] T001 a', '- [X] T002 b', '- [x] T003 c', '- [X] T004 d'),
    ],
    [
      'as many X as x: done is x',
      lines('- [X] T001 a', '- [x] T002 b', '- [ ] T003 c'),
      [task('T001', 1, 'X', 'done'), task('T002', 2, 'x', 'done'), task('T003', 3, ' ', 'open')],
      [{ id: 'T003', status: 'done' }],
      lines('- [X] T001 a', '- [x] T002 b', '- [x] T003 c'),
    ],
    [
      'reopening clears the box',
      lines('- [x] T001 a', '- [x] T002 b'),
      [task('T001', 1, 'x', 'done'), task('T002', 2, 'x', 'done')],
      [{ id: 'T002', status: 'open' }],
      lines('- [x] T001 a', '- [ ] T002 b'),
    ],
    [
      'plain file: skipped is ⏭️',
      lines('- [ ] T001 a'),
      [task('T001', 1, ' ', 'open')],
      [{ id: 'T001', status: 'skipped', reason: 'not needed' }],
      lines('- [⏭️] T001 a'),
    ],
    [
      'emoji file: done ✅, skipped ⏭️, open empty',
      lines('- [🚧] 1. a', '- [ ] 2. b', '- [✅] 3. c'),
      [task('1', 1, '🚧', 'in_progress'), task('2', 2, ' ', 'open'), task('3', 3, '✅', 'done')],
      [
        { id: '1', status: 'done' },
        { id: '2', status: 'skipped' },
        { id: '3', status: 'open' },
      ],
      lines('- [✅] 1. a', '- [⏭️] 2. b', '- [ ] 3. c'),
    ],
    [
      'word file: DONE, TODO, SKIPPED',
      lines('- [TODO] Task-001: a', '- [DONE] Task-002: b', '- [DOING] Task-003: c'),
      [
        task('Task-001', 1, 'TODO', 'open'),
        task('Task-002', 2, 'DONE', 'done'),
        task('Task-003', 3, 'DOING', 'in_progress'),
      ],
      [
        { id: 'Task-001', status: 'done' },
        { id: 'Task-002', status: 'open' },
        { id: 'Task-003', status: 'skipped' },
      ],
      lines('- [DONE] Task-001: a', '- [TODO] Task-002: b', '- [SKIPPED] Task-003: c'),
    ],
    [
      'Kiro: in progress and queued become x, the optional star stays',
      lines('- [-] 1. Parent', '  - [~] 1.1 Child', '  - [ ]* 1.2 Optional tests'),
      [task('1', 1, '-', 'in_progress'), task('1.1', 2, '~', 'open'), task('1.2', 3, ' ', 'open', true)],
      [
        { id: '1', status: 'done' },
        { id: '1.1', status: 'done' },
        { id: '1.2', status: 'done' },
      ],
      lines('- [x] 1. Parent', '  - [x] 1.1 Child', '  - [x]* 1.2 Optional tests'),
    ],
    [
      'other bullets, ordered lists and quoted lists',
      lines('* [ ] T001 a', '1. [ ] T002 b', '> - [ ] T003 c', '+ [ ] T004 d'),
      [
        task('T001', 1, ' ', 'open'),
        task('T002', 2, ' ', 'open'),
        task('T003', 3, ' ', 'open'),
        task('T004', 4, ' ', 'open'),
      ],
      ['T001', 'T002', 'T003', 'T004'].map((id) => ({ id, status: 'done' as const })),
      lines('* [x] T001 a', '1. [x] T002 b', '> - [x] T003 c', '+ [x] T004 d'),
    ],
  ];

  test.each(cases)('%s', (_name, text, tasks, changes, expected) => {
    const result = setTaskStatuses(text, tasks, changes);
    expect(result.text).toBe(expected);
    expect(result.conflicts).toEqual([]);
  });
});

describe('setTaskStatuses: bytes around the box', () => {
  test('a BOM and CRLF line endings are kept; line numbers count after the BOM', () => {
    const text = '\ufeff# Tasks\r\n\r\n- [ ] T001 a\r\n- [ ] T002 b\r\n';
    const tasks = [task('T001', 3, ' ', 'open'), task('T002', 4, ' ', 'open')];
    const result = setTaskStatuses(text, tasks, [{ id: 'T002', status: 'done' }]);
    expect(result.text).toBe('\ufeff# Tasks\r\n\r\n- [ ] T001 a\r\n- [x] T002 b\r\n');
    expect(result.changed).toEqual(['T002']);
  });

  test('a lone CR counts as a line break', () => {
    const text = '# Tasks\r- [ ] T001 a\r- [ ] T002 b';
    const result = setTaskStatuses(text, [task('T002', 3, ' ', 'open')], [{ id: 'T002', status: 'done' }]);
    expect(result.text).toBe('# Tasks\r- [ ] T001 a\r- [x] T002 b');
  });

  test('a file without a final newline keeps none', () => {
    const result = setTaskStatuses(
      '- [ ] T001 a',
      [task('T001', 1, ' ', 'open')],
      [{ id: 'T001', status: 'done' }],
    );
    expect(result.text).toBe('- [x] T001 a');
  });

  test('every other line stays byte for byte the same', () => {
    const rows = [
      '# Tasks: Café ☕  ',
      '\t- [ ] T001 tabbed  ',
      '```',
      '- [ ] T002 sample in a fence',
      '```',
      '- [ ] T002 [P] Real one — with `code` and [link](x)',
      '<!-- - [ ] T003 hidden -->',
      '   - [x]   T004 spaced',
    ];
    const text = rows.join('\n');
    const result = setTaskStatuses(text, [task('T002', 6, ' ', 'open')], [{ id: 'T002', status: 'done' }]);
    const out = result.text.split('\n');
    expect(out).toHaveLength(rows.length);
    out.forEach((row, index) => {
      expect(row).toBe(index === 5 ? '- [x] T002 [P] Real one — with `code` and [link](x)' : rows[index]);
    });
  });
});

describe('setTaskStatuses: what is not changed', () => {
  test('a task already in the target state is left alone and not listed', () => {
    const text = lines('- [X] T001 a', '- [~] 2. b');
    const tasks = [task('T001', 1, 'X', 'done'), task('2', 2, '~', 'open')];
    const result = setTaskStatuses(text, tasks, [
      { id: 'T001', status: 'done' },
      { id: '2', status: 'open' },
    ]);
    expect(result).toEqual({ text, changed: [], missing: [], conflicts: [] });
  });

  test('an unknown ID is missing', () => {
    const text = lines('- [ ] T001 a');
    const result = setTaskStatuses(text, [task('T001', 1, ' ', 'open')], [{ id: 'T009', status: 'done' }]);
    expect(result).toEqual({ text, changed: [], missing: ['T009'], conflicts: [] });
  });

  test.each<[string, string, Task, string]>([
    [
      'the box holds another marker',
      lines('- [-] T001 a'),
      task('T001', 1, ' ', 'open'),
      'line 1 reads [-], not [ ]',
    ],
    [
      'the line is no task any more',
      lines('Some prose', '- [ ] T001 a'),
      task('T001', 1, ' ', 'open'),
      'line 1 has no complete checkbox',
    ],
    [
      'the box is malformed',
      lines('- [ T001 [P] a'),
      task('T001', 1, ' ', 'open'),
      'line 1 has no complete checkbox',
    ],
    [
      'the line is past the end',
      lines('- [ ] T001 a'),
      task('T001', 7, ' ', 'open'),
      'line 7 is past the end',
    ],
  ])('a stale task is a conflict when %s', (_name, text, stale, reason) => {
    const result = setTaskStatuses(text, [stale], [{ id: 'T001', status: 'done' }]);
    expect(result.text).toBe(text);
    expect(result.changed).toEqual([]);
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]!.id).toBe('T001');
    expect(result.conflicts[0]!.reason).toContain(reason);
  });

  test('a duplicate ID is a conflict naming both lines', () => {
    const text = lines('- [ ] T001 a', '- [ ] T001 b');
    const result = setTaskStatuses(
      text,
      [task('T001', 1, ' ', 'open'), task('T001', 2, ' ', 'open')],
      [{ id: 'T001', status: 'done' }],
    );
    expect(result.text).toBe(text);
    expect(result.conflicts[0]!.reason).toContain('1, 2');
  });

  test('the last change for an ID wins', () => {
    const result = setTaskStatuses(
      lines('- [ ] T001 a'),
      [task('T001', 1, ' ', 'open')],
      [
        { id: 'T001', status: 'skipped' },
        { id: 'T001', status: 'done' },
      ],
    );
    expect(result.text).toBe(lines('- [x] T001 a'));
  });
});

describe('setTaskStatuses: idempotence', () => {
  const text = lines('- [ ] T001 a', '- [ ] T002 b');
  const before = [task('T001', 1, ' ', 'open'), task('T002', 2, ' ', 'open')];
  const changes: TaskStatusChange[] = [
    { id: 'T001', status: 'done' },
    { id: 'T002', status: 'skipped' },
  ];

  test('applying again with the tasks as they now read changes nothing', () => {
    const first = setTaskStatuses(text, before, changes);
    const after = [task('T001', 1, 'x', 'done'), task('T002', 2, '⏭️', 'skipped')];
    const second = setTaskStatuses(first.text, after, changes);
    expect(second).toEqual({ text: first.text, changed: [], missing: [], conflicts: [] });
  });

  test('applying again with the old tasks changes nothing and reports no conflict', () => {
    const first = setTaskStatuses(text, before, changes);
    const second = setTaskStatuses(first.text, before, changes);
    expect(second).toEqual({ text: first.text, changed: [], missing: [], conflicts: [] });
  });
});

describe('setTaskStatuses: one box table with the parser', () => {
  // The task as read earlier had an open box; the file now holds another marker. A marker the parser
  // reads as the wanted state means someone already wrote it; any other is a change to leave alone.
  test.each([
    ['✔', 'done' as const],
    ['cancelled', 'skipped' as const],
    ['reverted', 'skipped' as const],
  ])('a box changed meanwhile to [%s] already means %s: nothing to write, no conflict', (marker, status) => {
    const text = lines(`- [${marker}] T001 a`);
    const result = setTaskStatuses(text, [task('T001', 1, ' ', 'open')], [{ id: 'T001', status }]);
    expect(result.changed).toEqual([]);
    expect(result.conflicts).toEqual([]);
    expect(result.text).toBe(text);
  });

  test('a box changed meanwhile to in progress is a conflict, not done', () => {
    const text = lines('- [-] T001 a');
    const result = setTaskStatuses(text, [task('T001', 1, ' ', 'open')], [{ id: 'T001', status: 'done' }]);
    expect(result.changed).toEqual([]);
    expect(result.conflicts.map((conflict) => conflict.id)).toEqual(['T001']);
  });
});
