import { describe, expect, test } from '@jest/globals';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';
import { readAssignees } from '../../../src/core/parse/read-assignees.js';
import { readDependsOn } from '../../../src/core/parse/read-task-fields.js';

const parse = (text: string, path = 'specs/001-a/tasks.md') => parseTasks(text, { path });

describe('ID-less boxes under a task', () => {
  const text = [
    '# Tasks',
    '',
    '- [x] 4.2 Build the reader',
    '  - [x] Create the parser',
    '  - [ ] Handle tables',
    '    - [-] Nested deeper still',
    '  - A plain detail line',
    '- [ ] 4.3 Next',
  ].join('\n');
  const doc = parse(text);

  test('are not tasks of their own', () => {
    expect(doc.tasks.map((task) => task.id)).toEqual(['4.2', '4.3']);
  });

  test('keep their own status, line and marker as the checklist of their task', () => {
    expect(doc.tasks[0]!.checklist).toEqual([
      { text: 'Create the parser', status: 'done', marker: 'x', line: 4 },
      { text: 'Handle tables', status: 'open', marker: ' ', line: 5 },
      { text: 'Nested deeper still', status: 'in_progress', marker: '-', line: 6 },
    ]);
    expect(doc.tasks[0]!.details).toEqual(['A plain detail line']);
    expect(doc.tasks[1]!.checklist).toEqual([]);
  });

  test('an ID-less box at the top level is still a task', () => {
    const flat = parse('## Phase 1: Setup\n\n- [ ] Install tools\n');
    expect(flat.tasks).toHaveLength(1);
    expect(flat.tasks[0]!.checklist).toEqual([]);
  });
});

describe('status legends', () => {
  test.each([
    [
      'under a Legend heading',
      '## Legend\n\n- [ ] Pending\n- [x] Completed\n\n## Phase 1: Setup\n\n- [ ] T001 Do it\n',
    ],
    [
      'under a Key heading',
      '### Key\n\n- [ ] Not started\n- [-] In progress\n- [x] Done\n\n- [ ] T001 Do it\n',
    ],
    [
      'after a bold label, with explanations',
      '**Legend:**\n\n- [ ] Pending — not begun\n- [x] Completed: merged\n\n## Phase 1\n\n- [ ] T001 Do it\n',
    ],
  ])('%s are not tasks', (_name, text) => {
    const doc = parse(text);
    expect(doc.tasks.map((task) => task.id)).toEqual(['T001']);
  });

  test('a list of real work that happens to start with a status word stays tasks', () => {
    const doc = parse('## Phase 1\n\n- [ ] Pending orders page\n- [ ] Add the cart\n');
    expect(doc.tasks).toHaveLength(2);
  });
});

describe('tasks in tables', () => {
  const statusTable = [
    '# Tasks',
    '',
    '## Phase 1: Setup',
    '',
    '| Task | Status | Description | Depends on | Owner |',
    '|------|--------|-------------|------------|-------|',
    '| T001 | [x] [P] | Create the project | — | @alice |',
    '| T002 | [ ] | Add the linter | T001 | bob |',
    '| T003 | Blocked | Wire CI | T001, T002 | |',
    '| Notes | | not a task row | | |',
  ].join('\n');

  test('rows of a table with an ID and a status column are tasks', () => {
    const doc = parse(statusTable);
    expect(doc.tasks.map((task) => [task.id, task.status, task.title, task.line])).toEqual([
      ['T001', 'done', 'Create the project', 7],
      ['T002', 'open', 'Add the linter', 8],
      ['T003', 'blocked', 'Wire CI', 9],
    ]);
    expect(doc.tasks.map((task) => task.dependsOn)).toEqual([[], ['T001'], ['T001', 'T002']]);
    expect(doc.tasks.map((task) => task.assignees)).toEqual([['alice'], ['bob'], []]);
    expect(doc.tasks[0]).toMatchObject({ parallel: true, phase: 'phase-1', marker: '' });
    expect(doc.findings.map((finding) => finding.code)).toContain('table-tasks');
  });

  test('strikethrough on the ID marks a row done, on the description skipped', () => {
    const doc = parse(
      '| ID | Description | Depends on |\n|---|---|---|\n| ~~T001~~ | Do it | — |\n| T002 | ~~Old work~~ — resolved elsewhere | T001 |\n| T003 | Later | T001–T002 |\n',
    );
    expect(doc.tasks.map((task) => [task.id, task.status])).toEqual([
      ['T001', 'done'],
      ['T002', 'skipped'],
      ['T003', 'open'],
    ]);
    expect(doc.tasks[2]!.dependsOn).toEqual(['T001', 'T002']);
  });

  test('a table without an ID column, or without any status, is not read', () => {
    expect(parse('| Step | Status |\n|---|---|\n| Build | done |\n').tasks).toEqual([]);
    expect(parse('| ID | Description |\n|---|---|\n| T001 | Do it |\n').tasks).toEqual([]);
  });

  test('when the file also has checkbox tasks, a summary table does not count them twice', () => {
    const doc = parse(`${statusTable}\n\n- [ ] T001 Create the project\n- [ ] T002 Add the linter\n`);
    expect(doc.tasks.map((task) => task.id)).toEqual(['T001', 'T002']);
    expect(doc.findings.map((finding) => finding.code)).not.toContain('duplicate-id');
  });
});

describe('Kiro dependencies and hierarchy', () => {
  test.each([
    ['(depends on 1.2)', ['1.2']],
    ['_Depends on: 1.2, 2.10_', ['1.2', '2.10']],
    ['Depends on Task 3.1 and 3.2', ['3.1', '3.2']],
    ['blocked by 4.1', ['4.1']],
    ['wait 2.5 seconds after 1.2 loads', []],
    ['requires Node 20.18', []],
  ])('%s', (text, expected) => {
    expect(readDependsOn(text)).toEqual(expected);
  });

  test('sub-tasks keep their parent; titles drop only the number', () => {
    const doc = parse(
      '# Implementation Plan\n\n- [ ] 1. Set up the project\n- [ ] 1.1 Add config\n  - _Depends on: 1.2_\n- [ ]* 1.2 Write tests (depends on 1.1)\n',
      '.kiro/specs/a/tasks.md',
    );
    expect(doc.tasks.map((task) => [task.id, task.parent, task.title])).toEqual([
      ['1', null, 'Set up the project'],
      ['1.1', '1', 'Add config'],
      ['1.2', '1', 'Write tests (depends on 1.1)'],
    ]);
    expect(doc.tasks.map((task) => task.dependsOn)).toEqual([[], ['1.2'], ['1.1']]);
    expect(doc.tasks[2]!.optional).toBe(true);
  });
});

test('a dotted number with a closing dot (`1.1. Title`) is the same ID as without', () => {
  const doc = parse('- [ ] 1. Parent\n  - [ ] 1.1. Child\n', '.kiro/specs/a/tasks.md');
  expect(doc.tasks.map((task) => [task.id, task.parent, task.title])).toEqual([
    ['1', null, 'Parent'],
    ['1.1', '1', 'Child'],
  ]);
});

describe('assignees', () => {
  test.each([
    ['- [ ] T001 Build the parser @alice @Bob-2', ['alice', 'Bob-2']],
    ['- [ ] T001 Build the parser (@alice, @bob)', ['alice', 'bob']],
    ['- [ ] T001 Build the parser [@alice]', ['alice']],
  ])('mentions ending the task line assign it and leave the title: %s', (line, logins) => {
    expect(parse(`${line}\n`).tasks[0]).toMatchObject({ assignees: logins, title: 'Build the parser' });
  });

  test('an Owner: or Assignee: field under the task', () => {
    const doc = parse('- [ ] T001 Build\n  - **Owner**: @carol\n- [ ] T002 Test\n  - Assignee: dave, erin\n');
    expect(doc.tasks.map((task) => task.assignees)).toEqual([['carol'], ['dave', 'erin']]);
  });

  test.each([
    ['an e-mail address', 'Mail ops@example.com about it'],
    ['a package scope', 'Install @types/node'],
    ['a decorator call', 'Add @Injectable() to the service'],
    ['a code span', 'Use `@alice` in the fixture'],
    ['a mention inside the sentence', 'Run @analyze-product on the repository'],
    ['a mention inside brackets that say more', '(Depends on: Task 1 - needed to run @analyze-product)'],
    ['an owner that is not a login', 'x\n  - Owner: the platform team'],
  ])('%s is not an assignee', (_name, title) => {
    expect(parse(`- [ ] T001 ${title}\n`).tasks[0]!.assignees).toEqual([]);
  });

  test('logins are kept once, compared without case', () => {
    expect(readAssignees('@Alice', ['Owner: alice, @bob'])).toEqual(['Alice', 'bob']);
  });
});
