import { describe, expect, test } from '@jest/globals';
import { MAX_LABEL_NAME_LENGTH } from '../../../src/core/render/github-limits.js';
import {
  MAX_BRANCH_SEGMENT_LENGTH,
  specBranchSegment,
  specCheckName,
  specLabelName,
} from '../../../src/core/specs/spec-names.js';

const HASHED = /…[0-9a-f]{8}$/;

describe('specLabelName', () => {
  test.each<[string, string]>([
    ['002-billing', 'spec:002-billing'],
    ['auth', 'spec:auth'],
    ['日本語-spec', 'spec:日本語-spec'],
  ])('a safe name %s is kept as written', (name, expected) => {
    expect(specLabelName(name)).toBe(expected);
  });

  test('a comma never reaches a label, and the name carries a hash', () => {
    const label = specLabelName('a,b');
    expect(label).not.toContain(',');
    expect(label).toMatch(/^spec:a-b…[0-9a-f]{8}$/);
  });

  test('two directories that clean to the same text keep two labels', () => {
    expect(specLabelName('a,b')).not.toBe(specLabelName('a-b'));
    expect(specLabelName('a,b')).not.toBe(specLabelName('a\u0007b'));
  });

  test('a name exactly at 50 characters is kept; one past is cut with a hash', () => {
    const at = 'x'.repeat(MAX_LABEL_NAME_LENGTH - 'spec:'.length);
    expect(specLabelName(at)).toBe(`spec:${at}`);
    const past = specLabelName(`${at}y`);
    expect(Array.from(past)).toHaveLength(MAX_LABEL_NAME_LENGTH);
    expect(past).toMatch(HASHED);
    expect(specLabelName(`${at}z`)).not.toBe(past);
  });

  test('length counts characters, not UTF-16 units', () => {
    const emoji = '🚀'.repeat(MAX_LABEL_NAME_LENGTH - 'spec:'.length);
    expect(specLabelName(emoji)).toBe(`spec:${emoji}`);
  });

  test('the configured pattern is used', () => {
    expect(specLabelName('auth', 'area/{spec}')).toBe('area/auth');
  });
});

describe('specCheckName', () => {
  test('a plain name', () => {
    expect(specCheckName('002-billing')).toBe('spec-sync: 002-billing');
  });

  test('control characters and newlines become spaces, with a hash', () => {
    expect(specCheckName('a\nb')).toMatch(/^spec-sync: a b…[0-9a-f]{8}$/);
  });

  test('a long name is cut to 100 characters and stays distinct', () => {
    const a = specCheckName('n'.repeat(200));
    expect(Array.from(a)).toHaveLength(100);
    expect(a).not.toBe(specCheckName(`${'n'.repeat(199)}m`));
  });
});

describe('specBranchSegment', () => {
  test.each<[string, string]>([
    ['002-billing', '002-billing'],
    ['auth.v2', 'auth.v2'],
  ])('a valid name %s is kept', (name, expected) => {
    expect(specBranchSegment(name)).toBe(expected);
  });

  test.each<[string]>([
    ['a b'],
    ['a..b'],
    ['a~b^c:d?e*f[g\\h'],
    ['-lead'],
    ['.hidden'],
    ['trail.'],
    ['x.lock'],
    ['a@{b'],
  ])('%s becomes a valid ref part with a hash', (name) => {
    const segment = specBranchSegment(name);
    expect(segment).toMatch(/-[0-9a-f]{8}$/);
    expect(segment).not.toMatch(/[\s~^:?*[\\]|\.\.|@\{|^[-.]|\.lock$/);
  });

  test('a long name is cut and hashed', () => {
    expect(specBranchSegment('b'.repeat(300))).toHaveLength(MAX_BRANCH_SEGMENT_LENGTH);
  });
});
