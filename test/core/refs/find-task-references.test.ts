import { describe, expect, test } from '@jest/globals';
import { findTaskReferences, type PullRequestText } from '../../../src/core/refs/find-task-references.js';
import type { TaskReference } from '../../../src/core/refs/task-reference.js';

const CLOSING_WORDS = ['close', 'closes', 'fix', 'fixes', 'resolves', 'completes', 'implements', 'done'];
const OPTIONS = { closingWords: CLOSING_WORDS, titleIdsClose: true, repository: 'acme/shop' };

/** `close T012 (body)`, `mention 002-billing/T012 (title)`, `close #45 (body)`: one string per reference. */
function summarise(refs: TaskReference[]): string[] {
  return refs.map((ref) => {
    const target =
      ref.id === null ? `#${ref.issueNumber}` : `${ref.spec === null ? '' : `${ref.spec}/`}${ref.id}`;
    return `${ref.intent} ${target} (${ref.source})`;
  });
}

function find(input: Partial<PullRequestText>, options: Partial<typeof OPTIONS> = {}): string[] {
  const text: PullRequestText = {
    title: '',
    body: null,
    headBranch: 'feature/x',
    commitMessages: [],
    ...input,
  };
  return summarise(findTaskReferences(text, { ...OPTIONS, ...options }));
}

describe('findTaskReferences: where references come from', () => {
  test.each<[string, Partial<PullRequestText>, string[]]>([
    ['a bare ID in the title closes', { title: 'T012: add the User model' }, ['close T012 (title)']],
    [
      'a mention word in the title only links',
      { title: 'Refs T012: prepare the schema' },
      ['mention T012 (title)'],
    ],
    ['a bare ID in the body only links', { body: 'This touches T012 too.' }, ['mention T012 (body)']],
    ['a closing word in the body closes', { body: 'Closes T012' }, ['close T012 (body)']],
    [
      'a task ID in the head branch closes',
      { headBranch: 'feature/T012-user-model' },
      ['close T012 (branch)'],
    ],
    ['branch IDs ignore case', { headBranch: 't011a-user-model' }, ['close T011a (branch)']],
    ['a spec branch name is not a task ID', { headBranch: '012-user-model' }, []],
    ['a bare ID in a commit only links', { commitMessages: ['T050 wip'] }, ['mention T050 (commit)']],
    [
      'a closing word in a commit closes',
      { commitMessages: ['Add model\n\nFixes T050'] },
      ['close T050 (commit)'],
    ],
  ])('%s', (_name, input, expected) => {
    expect(find(input)).toEqual(expected);
  });

  test('with titleIdsClose off, a bare title ID only links but a closing word still closes', () => {
    expect(find({ title: 'T012 model, fixes T013' }, { titleIdsClose: false })).toEqual([
      'mention T012 (title)',
      'close T013 (title)',
    ]);
  });
});

describe('findTaskReferences: closing and mention words', () => {
  test.each<[string, string[]]>([
    ['Fixes: T012', ['close T012 (body)']],
    ['**Closes** T012', ['close T012 (body)']],
    ['implements task T012', ['close T012 (body)']],
    ['Part of T012', ['mention T012 (body)']],
    ['related to T012', ['mention T012 (body)']],
    ['see T012', ['mention T012 (body)']],
    ['This does not close T012', ['mention T012 (body)']],
    ["This doesn't fix T012", ['mention T012 (body)']],
    ['Closes T012, refs T020', ['close T012 (body)', 'mention T020 (body)']],
    ['Closes T012. Also looked at T013', ['close T012 (body)', 'mention T013 (body)']],
    ['prefixes T012', ['mention T012 (body)']],
  ])('%s', (body, expected) => {
    expect(find({ body })).toEqual(expected);
  });

  test('with no closing words, nothing in the body closes', () => {
    expect(find({ title: 'T011 model', body: 'Closes T012' }, { closingWords: [] })).toEqual([
      'close T011 (title)',
      'mention T012 (body)',
    ]);
  });

  test('closing words come from the options', () => {
    expect(find({ body: 'Finishes T012' }, { closingWords: ['finishes'] })).toEqual(['close T012 (body)']);
    expect(find({ body: 'Closes T012' }, { closingWords: ['finishes'] })).toEqual(['mention T012 (body)']);
  });
});

describe('findTaskReferences: lists and ranges', () => {
  test.each<[string, string[]]>([
    ['Closes T012, T013 and T014', ['close T012 (body)', 'close T013 (body)', 'close T014 (body)']],
    ['Closes T012/T013', ['close T012 (body)', 'close T013 (body)']],
    ['Closes T012 & T013', ['close T012 (body)', 'close T013 (body)']],
    [
      'Closes T012–T015',
      ['close T012 (body)', 'close T013 (body)', 'close T014 (body)', 'close T015 (body)'],
    ],
    ['Closes T012-T014', ['close T012 (body)', 'close T013 (body)', 'close T014 (body)']],
    ['Closes T012..T013', ['close T012 (body)', 'close T013 (body)']],
    [
      'Closes T098 – T101',
      ['close T098 (body)', 'close T099 (body)', 'close T100 (body)', 'close T101 (body)'],
    ],
    ['Closes T015–T012', []],
    ['Closes T001–T999', []],
    ['Closes T011a–T011c', ['close T011a (body)', 'close T011c (body)']],
  ])('%s', (body, expected) => {
    expect(find({ body })).toEqual(expected);
  });

  test('a range of 200 IDs is kept, 201 is not', () => {
    expect(find({ body: 'Closes T001–T200' })).toHaveLength(200);
    expect(find({ body: 'Closes T001–T201' })).toEqual([]);
  });
});

describe('findTaskReferences: qualified, Kiro and issue references', () => {
  test.each<[string, string[]]>([
    ['Closes 002-billing/T012', ['close 002-billing/T012 (body)']],
    ['Closes specs/002-billing#T012', ['close specs/002-billing/T012 (body)']],
    ['Closes 002-billing/T012, T013', ['close 002-billing/T012 (body)', 'close 002-billing/T013 (body)']],
    ['Closes auth#2.3', ['close auth/2.3 (body)']],
    ['Closes auth/2.3', ['close auth/2.3 (body)']],
    ['Closes .kiro/specs/auth#2', ['close .kiro/specs/auth/2 (body)']],
    ['Closes 2.3', []],
    ['Closes task 2', []],
    ['see api/v1/2', []],
    ['Closes #45', ['close #45 (body)']],
    ['Closes acme/shop#46', ['close #46 (body)']],
    ['Closes other/repo#47', []],
    ['Closes #45 and T012', ['close #45 (body)', 'close T012 (body)']],
    ['&#45; is an entity', []],
  ])('%s', (body, expected) => {
    expect(find({ body })).toEqual(expected);
  });

  test('without a repository name, owner/repo#N is ignored', () => {
    expect(find({ body: 'Closes acme/shop#46' }, { repository: undefined })).toEqual([]);
  });
});

describe('findTaskReferences: text that is not prose', () => {
  test.each<[string, string, string[]]>([
    ['inline code', 'Closes T013; `T012` is its old name', ['close T013 (body)']],
    ['a fenced block', 'Closes T013\n```\nCloses T012\n```', ['close T013 (body)']],
    ['a tilde fence with a longer closer', '~~~\nCloses T012\n~~~~\nCloses T013', ['close T013 (body)']],
    ['an HTML comment', '<!-- Closes T012 -->Closes T013', ['close T013 (body)']],
    ['a multi-line HTML comment', '<!--\nCloses T012\n-->\nCloses T013', ['close T013 (body)']],
    ['a quoted line', '> Closes T012\nCloses T013', ['close T013 (body)']],
    ['a URL', 'See https://example.com/T012 and closes T013', ['close T013 (body)']],
    ['an unmatched backtick', 'Closes T012, a ` stray backtick', ['close T012 (body)']],
    ['lower-case IDs in text', 'Closes t012', []],
    ['IDs inside words', 'Closes XT012 and T012x1', []],
  ])('%s', (_name, body, expected) => {
    expect(find({ body })).toEqual(expected);
  });

  test('a title code span hides its ID', () => {
    expect(find({ title: 'Rename `T012` helper' })).toEqual([]);
  });
});

describe('findTaskReferences: de-duplication', () => {
  test('the same task named twice appears once, in first position', () => {
    expect(find({ title: 'T012: model', body: 'Closes T012 and T013. See T012.' })).toEqual([
      'close T012 (title)',
      'close T013 (body)',
    ]);
  });

  test('close wins over an earlier mention', () => {
    expect(find({ body: 'See T012', commitMessages: ['Fixes T012'] })).toEqual(['close T012 (commit)']);
  });

  test('a qualified and an unqualified reference stay apart (the resolver merges them)', () => {
    expect(find({ body: 'Closes T012 and 002-billing/T012' })).toEqual([
      'close T012 (body)',
      'close 002-billing/T012 (body)',
    ]);
  });

  test('raw keeps the text as written, the range for each of its IDs', () => {
    const refs = findTaskReferences(
      { title: '', body: 'Fixes 002-billing/T012–T013', headBranch: 'main', commitMessages: [] },
      OPTIONS,
    );
    expect(refs.map((ref) => ref.raw)).toEqual(['002-billing/T012–T013', '002-billing/T012–T013']);
  });
});

describe('findTaskReferences: long and odd input', () => {
  test.each<[string, string, string[]]>([
    ['a long path-like line', `${'a/'.repeat(30000)}T012`, [`mention ${'a/'.repeat(30000)}T012 (body)`]],
    // Masked code reads as blank space, so the closing word still stands right before the ID.
    ['a closing word before a long code span', `Closes \`${'x'.repeat(60000)}\` T012`, ['close T012 (body)']],
    ['a closing word before many spaces', `Closes${' '.repeat(60000)}T012`, ['close T012 (body)']],
    ['many unmatched backticks', `${'` `` ``` '.repeat(3000)}Closes T012`, ['close T012 (body)']],
  ])('%s', (_name, body, expected) => {
    expect(find({ body })).toEqual(expected);
  });
});
