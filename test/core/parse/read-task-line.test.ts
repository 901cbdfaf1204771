import { describe, expect, it } from '@jest/globals';
import { readTaskLine } from '../../../src/core/parse/read-task-line.js';

describe('readTaskLine', () => {
  it.each([
    [
      '- [ ] T012 [P] [US1] Create User model',
      { id: 'T012', status: 'open', labels: ['P', 'US1'], rest: 'Create User model' },
    ],
    ['- [x] T001 Done thing', { id: 'T001', status: 'done', marker: 'x' }],
    ['- [X] T1000 Big id', { id: 'T1000', status: 'done', marker: 'X' }],
    ['- [x] T011a Suffixed', { id: 'T011a', rest: 'Suffixed' }],
    ['* [ ] T005 Star bullet', { id: 'T005' }],
    ['+ [ ] T006 Plus bullet', { id: 'T006' }],
    ['- [x] **T001** Bold id', { id: 'T001', rest: 'Bold id' }],
    ['- [ ] 1. Kiro parent', { id: '1', rest: 'Kiro parent' }],
    ['  - [x] 1.1 Kiro child', { id: '1.1', rest: 'Kiro child' }],
    ['- [ ]* 3.2 Optional child', { id: '3.2', optional: true, status: 'open' }],
    ['- [-] 2. In progress', { id: '2', status: 'in_progress', marker: '-' }],
    ['- [~] 14. Queued', { id: '14', status: 'open', marker: '~' }],
    ['- [x] 1.1 (P) Parallel kiro', { id: '1.1', labels: ['P'], rest: 'Parallel kiro' }],
    ['- [🚧] T003 Building', { status: 'in_progress', marker: '🚧' }],
    ['- [✅] T004 Built', { status: 'done' }],
    ['- [❌] T005 Failed', { status: 'blocked' }],
    ['- [⏭️] T006 Skipped (not needed)', { status: 'skipped', rest: 'Skipped (not needed)' }],
    ['- [TODO] Task-001: Write it', { id: 'Task-001', status: 'open', rest: 'Write it' }],
    ['- [DOING] Task-002: Writing', { status: 'in_progress' }],
    ['- [DONE] Task-003: Written', { status: 'done' }],
    ['- [BLOCKED] Task-004: Waiting', { status: 'blocked' }],
    ['- [SKIP] Nothing', { status: 'skipped', id: null }],
    ['- [SKIPPED] Nothing', { status: 'skipped' }],
    ['- [\uF8FFüöß] T007 Mac Roman damage', { status: 'in_progress', markerState: 'ok' }],
    [
      '- [üöß] T007 Mac Roman damage, lead character lost',
      { status: 'in_progress', markerState: 'ok', marker: 'üöß' },
    ],
    ['- [‚úÖ] T008 Mac Roman damage', { status: 'done' }],
    ['- [‚ùå] T009 Mac Roman damage', { status: 'blocked' }],
    ['- [‚è≠Ô∏è] T010 Mac Roman damage', { status: 'skipped' }],
    ['- [âœ…] T011 Windows-1252 damage', { status: 'done' }],
    [
      '- [ T024 [P] Create locale generator',
      { id: 'T024', status: 'open', markerState: 'malformed', labels: ['P'] },
    ],
    [
      '- [ ] T001 [deps:T002] [claude-haiku] En algo',
      { labels: ['deps:T002', 'claude-haiku'], rest: 'En algo' },
    ],
    ['- [ ] T002 wrapped\n      continuation line', { rest: 'wrapped continuation line' }],
    ['1. [ ] Numbered checklist item', { id: null, status: 'open' }],
    ['- [ ] TXXX [P] Placeholder', { id: null, labels: ['P'], rest: 'Placeholder' }],
  ])('%s', (source, expected) => {
    expect(readTaskLine(source)).toMatchObject(expected);
  });

  it.each([
    ['- [P] tasks = different files, no dependencies'],
    ['- [Story] label maps task to specific user story'],
    ['  - [Jest] + [React Testing Library] による単体テスト'],
    ['- [憲法](https://example.org/constitution.md)'],
    ['- [x](https://example.org) link with x'],
    ['- plain bullet'],
    ['Not a list item [ ] T001'],
  ])('%s is not a task line', (source) => {
    expect(readTaskLine(source)).toBeNull();
  });

  it('reads an unknown box followed by an ID as a task with an unknown marker', () => {
    expect(readTaskLine('- [Q] T001 Odd box')).toMatchObject({
      id: 'T001',
      status: 'open',
      markerState: 'unknown',
    });
  });

  it('flags damaged emoji it cannot undo', () => {
    expect(readTaskLine('- [Ã©Ã] T001 Damaged')).toMatchObject({ markerState: 'damaged', status: 'open' });
  });
});
