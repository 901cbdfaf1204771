import { describe, expect, it } from '@jest/globals';
import {
  hashTitle,
  type IssueMarker,
  readIssueMarker,
  writeIssueMarker,
} from '../../../src/core/render/issue/issue-marker.js';

describe('writeIssueMarker', () => {
  it('writes the task marker as JSON in one HTML comment', () => {
    const marker: IssueMarker = { kind: 'task', spec: 'specs/002-billing', id: 'T012', titleHash: 'abc' };
    expect(writeIssueMarker(marker)).toBe(
      '<!-- spec-sync:task {"spec":"specs/002-billing","id":"T012","titleHash":"abc"} -->',
    );
  });

  it('leaves out a missing title hash', () => {
    expect(writeIssueMarker({ kind: 'spec', spec: 'specs/x', titleHash: null })).toBe(
      '<!-- spec-sync:spec {"spec":"specs/x"} -->',
    );
  });

  it.each([
    ['double dash', 'specs/a--b', 'T1'],
    ['comment end', 'specs/a-->b', 'T1'],
    ['comment start', 'specs/<!--x', 'T<1>'],
    ['triple dash and backslash', 'specs/a\\---b', 'T---'],
  ])('keeps the comment closed with %s in a value and reads it back', (_name, spec, id) => {
    const text = writeIssueMarker({ kind: 'task', spec, id, titleHash: null });
    const inner = text.slice('<!--'.length, -'-->'.length);
    expect(inner).not.toContain('--');
    expect(inner).not.toContain('>');
    expect(readIssueMarker(`before ${text} after`)).toEqual({ kind: 'task', spec, id, titleHash: null });
  });
});

describe('readIssueMarker', () => {
  const good = '<!-- spec-sync:task {"spec":"specs/002-billing","id":"T012","titleHash":"h1"} -->';

  it.each<[string, string | null, IssueMarker | null]>([
    ['null body', null, null],
    ['empty body', '', null],
    ['marker alone', good, { kind: 'task', spec: 'specs/002-billing', id: 'T012', titleHash: 'h1' }],
    [
      'text around, CRLF',
      `Notes from a person\r\n\r\n${good}\r\nmore`,
      { kind: 'task', spec: 'specs/002-billing', id: 'T012', titleHash: 'h1' },
    ],
    [
      'extra spaces and unknown keys',
      '<!--   spec-sync:task   {"spec":"s","id":"1.2","v":2}   -->',
      { kind: 'task', spec: 's', id: '1.2', titleHash: null },
    ],
    [
      'spec kind',
      '<!-- spec-sync:spec {"spec":"specs/a"} -->',
      { kind: 'spec', spec: 'specs/a', titleHash: null },
    ],
    ['broken JSON', '<!-- spec-sync:task {"spec":"s","id": -->', null],
    ['not an object', '<!-- spec-sync:task "s" -->', null],
    ['missing id', '<!-- spec-sync:task {"spec":"s"} -->', null],
    ['empty spec', '<!-- spec-sync:task {"spec":"","id":"T1"} -->', null],
    ['id not a string', '<!-- spec-sync:task {"spec":"s","id":12} -->', null],
    ['unknown kind', '<!-- spec-sync:epic {"spec":"s","id":"T1"} -->', null],
    ['unclosed comment', '<!-- spec-sync:task {"spec":"s","id":"T1"}', null],
    [
      'first well-formed of several',
      `<!-- spec-sync:task {bad} -->\n${good}`,
      { kind: 'task', spec: 'specs/002-billing', id: 'T012', titleHash: 'h1' },
    ],
  ])('%s', (_name, body, expected) => {
    expect(readIssueMarker(body)).toEqual(expected);
  });
});

describe('hashTitle', () => {
  it('is stable, short and tells titles apart', () => {
    expect(hashTitle('T012 Create User model')).toBe(hashTitle('T012 Create User model'));
    expect(hashTitle('T012 Create User model')).not.toBe(hashTitle('T012 Create user model'));
    expect(hashTitle('x')).toMatch(/^[0-9a-f]{12}$/);
  });
});
