import { expect, test } from '@jest/globals';
import { describeTickCommit } from '../../../src/core/edit-tasks/edit-tasks.js';

const many = (from: number, to: number, step = 1) =>
  Array.from(
    { length: Math.floor((to - from) / step) + 1 },
    (_, i) => `T${String(from + i * step).padStart(3, '0')}`,
  );

test.each<[string, string[], number | undefined, 'done' | 'open' | 'skipped' | undefined, string]>([
  ['two IDs with a PR', ['T012', 'T013'], 45, undefined, 'Mark T012, T013 done (#45)'],
  ['one ID reopened', ['T012'], undefined, 'open', 'Mark T012 open'],
  ['one ID skipped', ['T012'], undefined, 'skipped', 'Mark T012 skipped'],
  ['a contiguous run', many(1, 40), 45, 'done', 'Mark T001–T040 done (#45)'],
  ['a contiguous run given out of order', ['T014', 'T012', 'T013'], undefined, 'done', 'Mark T012–T014 done'],
  ['Kiro IDs are listed', ['1.1', '1.2', '1.3'], undefined, 'done', 'Mark 1.1, 1.2, 1.3 done'],
  ['duplicates count once', ['T012', 'T012'], undefined, 'done', 'Mark T012 done'],
  ['no IDs', [], 45, 'done', 'Update task statuses (#45)'],
])('%s', (_name, ids, pr, status, expected) => {
  expect(describeTickCommit(ids, pr, status)).toBe(expected);
});

test('a long broken list shows the first ten and a count', () => {
  const ids = many(1, 79, 2); // T001, T003, … T079: 40 IDs
  expect(describeTickCommit(ids, 45)).toBe(
    'Mark T001, T003, T005, T007, T009, T011, T013, T015, T017, T019 and 30 more done (#45)',
  );
});
