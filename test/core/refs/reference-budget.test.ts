import { describe, expect, test } from '@jest/globals';
import { type PullRequestText, scanTaskReferences } from '../../../src/core/refs/find-task-references.js';
import { MAX_PULL_REQUEST_IDS, MAX_TEXT_CHARACTERS } from '../../../src/core/refs/reference-budget.js';

const OPTIONS = { closingWords: ['closes'], titleIdsClose: true, repository: 'acme/shop' };

function scan(input: Partial<PullRequestText>, maxIds?: number) {
  const text: PullRequestText = { title: '', body: null, headBranch: 'x', commitMessages: [], ...input };
  return scanTaskReferences(text, { ...OPTIONS, maxIds });
}

function ids(count: number, from = 1): string {
  return Array.from({ length: count }, (_, n) => `T${String(from + n).padStart(3, '0')}`).join(', ');
}

describe('scanTaskReferences: a total budget of IDs per pull request', () => {
  test('exactly at the limit, every ID is read and nothing is ignored', () => {
    const result = scan({ body: `Closes ${ids(10)}` }, 10);
    expect(result.references).toHaveLength(10);
    expect(result.ignored).toEqual({ references: 0, ids: 0, samples: [], unreadCharacters: 0 });
  });

  test('one past the limit, the last ID is reported as ignored', () => {
    const result = scan({ body: `Closes ${ids(11)}` }, 10);
    expect(result.references.map((ref) => ref.id)).toEqual(ids(10).split(', '));
    expect(result.ignored).toEqual({ references: 1, ids: 1, samples: ['T011'], unreadCharacters: 0 });
  });

  test('a range that exactly fills the budget is read whole', () => {
    const result = scan({ body: 'Closes T001-T010' }, 10);
    expect(result.references).toHaveLength(10);
    expect(result.ignored.ids).toBe(0);
  });

  test('a range one ID too long is ignored whole, never cut in part', () => {
    const result = scan({ body: 'Closes T001-T011' }, 10);
    expect(result.references).toEqual([]);
    expect(result.ignored).toEqual({ references: 1, ids: 11, samples: ['T001-T011'], unreadCharacters: 0 });
  });

  test('once a reference does not fit, later small ones are ignored too', () => {
    const result = scan({ body: 'Closes T001-T008, T020-T025, T030' }, 10);
    expect(result.references.map((ref) => ref.id)).toHaveLength(8);
    expect(result.ignored).toEqual({
      references: 2,
      ids: 7,
      samples: ['T020-T025', 'T030'],
      unreadCharacters: 0,
    });
  });

  test('title, body, branch, commits and issue numbers share one budget, in that order', () => {
    const result = scan(
      { title: 'T001', body: 'Closes #5 and T002', headBranch: 'T003-x', commitMessages: ['Closes T004'] },
      3,
    );
    expect(result.references.map((ref) => ref.id ?? `#${ref.issueNumber}`)).toEqual(['T001', '#5', 'T002']);
    expect(result.ignored).toEqual({ references: 2, ids: 2, samples: ['T003', 'T004'], unreadCharacters: 0 });
  });

  test('an oversized range (a typo) closes nothing and costs nothing', () => {
    const result = scan({ body: 'Closes T001-T99999999, T005' }, 1);
    expect(result.references.map((ref) => ref.id)).toEqual(['T005']);
    expect(result.ignored.references).toBe(0);
  });

  test('the default budget holds a few hundred IDs', () => {
    const result = scan({ body: `Closes ${ids(MAX_PULL_REQUEST_IDS + 1)}` });
    expect(result.references).toHaveLength(MAX_PULL_REQUEST_IDS);
    expect(result.ignored.ids).toBe(1);
  });

  test('a text is read up to 65,536 characters; the rest is counted as unread', () => {
    const pad = 'x'.repeat(MAX_TEXT_CHARACTERS - 'Closes T001'.length);
    const atLimit = scan({ body: `${pad}Closes T001` });
    expect(atLimit.references.map((ref) => ref.id)).toEqual(['T001']);
    expect(atLimit.ignored.unreadCharacters).toBe(0);
    const past = scan({ body: `${pad}xCloses T001`, commitMessages: [`${pad}xCloses T002`] });
    expect(past.references.map((ref) => ref.id)).toEqual([]);
    expect(past.ignored.unreadCharacters).toBe(2);
  });

  test('5,000 ranges of 200 (84 KB) read the budget and count the rest without expanding it', () => {
    const ranges = Array.from({ length: 5000 }, (_, n) => {
      const from = n * 200 + 1;
      return `T${String(from).padStart(3, '0')}-T${String(from + 199).padStart(3, '0')}`;
    });
    const body = `Closes ${ranges.join(', ')}`;
    expect(body.length).toBeGreaterThan(80_000);
    const result = scan({ body });
    // The first range (200) fits the 300 budget; the second would overflow it, so it and the rest are ignored.
    expect(result.references).toHaveLength(200);
    // Past 65,536 characters nothing is read; every range before that and after the first is ignored.
    const read = body.slice(0, MAX_TEXT_CHARACTERS).split(', ');
    const whole = read.filter((range) => /^T\d{3,}-T\d{3,}$/.test(range)).length;
    // The range cut at the limit may still read as one ID.
    expect(result.ignored.references).toBeGreaterThanOrEqual(whole - 1);
    expect(result.ignored.references).toBeLessThanOrEqual(whole);
    expect(result.ignored.ids).toBeGreaterThanOrEqual((whole - 1) * 200);
    expect(result.ignored.unreadCharacters).toBe(body.length - MAX_TEXT_CHARACTERS);
    expect(result.ignored.samples).toHaveLength(5);
  });
});
