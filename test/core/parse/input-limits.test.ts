import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { checkInputLimits, INPUT_LIMITS, type InputLimits } from '../../../src/core/parse/input-limits.js';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';

const SMALL: InputLimits = { maxLength: 100, maxLineLength: 20, maxNestingDepth: 3, maxInlineMarks: 6 };

function limitOf(text: string, limits = SMALL): string | null {
  return checkInputLimits(text, 'tasks.md', limits)?.limit ?? null;
}

describe('checkInputLimits at its edges', () => {
  test.each<[string, string, string | null]>([
    ['size exactly at the limit', 'a\n'.repeat(50), null],
    ['size one past the limit', `${'a\n'.repeat(50)}a`, 'maxLength'],
    ['a line exactly at the limit', 'a'.repeat(20), null],
    ['a line one past the limit', 'a'.repeat(21), 'maxLineLength'],
    ['a CRLF line at the limit', `${'a'.repeat(19)}\r\nb`, null],
    ['nesting by list markers at the limit', '- - - [ ] T1', null],
    ['nesting by list markers one past', '- - - - [ ] T1', 'maxNestingDepth'],
    ['nesting by quotes at the limit', '>>> a', null],
    ['nesting by quotes one past', '>>>> a', 'maxNestingDepth'],
    ['nesting mixing quotes, bullets and numbers one past', '> * 1. + a', 'maxNestingDepth'],
    ['a dash not followed by space is text', '-a -b -c -d', null],
    ['a number without a dot is text', '1 2 3 4 a', null],
    ['inline marks in one paragraph at the limit', '[a]\n[b]\n[c]', null],
    ['inline marks in one paragraph one past', '[a]\n[b]\n[c]\n_', 'maxInlineMarks'],
    ['a blank line starts a new paragraph', '[a]\n[b]\n\n[c]\n_', null],
    ['each list item starts anew', '- [a] [b]\n- [c] [d]\n- [e] [f]', null],
    ['a heading starts anew', '[a] [b] [c]\n# [d]', null],
    ['a fenced block holds no inline marks', '[a]\n```\n[[[[[[[[\n```\n[b]', null],
    ['nor nesting', '```\n> > > > a\n```', null],
    ['a longer run closes a fence', '~~~\n[[[[[[[[\n~~~~\n[[[[[[[', 'maxInlineMarks'],
    ['a shorter run does not close it', '````\n```\n[[[[[[[[\n', null],
    ['each table row starts anew', '| [a] | [b] |\n| [c] | [d] |\n| [e] | [f] |', null],
  ])('%s', (_name, text, expected) => {
    expect(limitOf(text)).toBe(expected);
  });

  test('the finding names the file, the measure and the limit', () => {
    const finding = checkInputLimits('>'.repeat(50_000), 'specs/a/tasks.md')?.finding;
    // `too-large` is the code every caller already reads as "nothing was read".
    expect(finding).toMatchObject({ code: 'too-large', severity: 'error', line: 1 });
    expect(finding?.message).toContain('specs/a/tasks.md is too deeply nested to read: 50,000 levels');
    expect(finding?.message).toContain(`limit ${INPUT_LIMITS.maxNestingDepth}`);
  });

  test('the line number is the offending line', () => {
    expect(checkInputLimits('a\nb\n- - - - x', 'tasks.md', SMALL)?.finding.line).toBe(3);
  });
});

describe('parseTasks refuses hostile input as a finding, never a freeze or a stack overflow', () => {
  test.each<[string, string, string]>([
    [
      '50,000 nested list markers',
      `${'- '.repeat(50_000)}[ ] T001`,
      'is too deeply nested to read: 50,000 levels',
    ],
    ['50,000 block-quote markers', '>'.repeat(50_000), 'is too deeply nested to read: 50,000 levels'],
    [
      '200,000 open brackets',
      '['.repeat(200_000),
      'emphasis marks in one paragraph to read: 200,000 by line 1',
    ],
    [
      'a 2 MB line',
      `- [ ] T001 ${'a'.repeat(2_000_000)}`,
      'has a line too long to read: 2,000,011 characters',
    ],
    [
      '200,000 brackets on their own lines',
      '[\n'.repeat(200_000),
      'to read: 1,001 by line 1001, limit 1,000',
    ],
    ['a 5 MB file', `- [ ] T001 ${'a\n'.repeat(2_500_000)}`, 'is too large to read: 5,000,011 characters'],
  ])('%s', (_name, text, problem) => {
    const document = parseTasks(text, { path: 'specs/a/tasks.md' });
    expect(document.tasks).toEqual([]);
    expect(document.findings.map((finding) => finding.code)).toEqual(['too-large']);
    expect(document.findings[0]!.message).toContain(problem);
  });

  test('a file within the limits is read as before', () => {
    const document = parseTasks('# Tasks\n\n- [ ] T001 [P] [US1] Add `a_b` in *src*\n', { path: 'tasks.md' });
    expect(document.tasks.map((task) => task.id)).toEqual(['T001']);
  });
});

const corpus = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'corpus');
const corpusPresent = existsSync(corpus);

describe('the limits hold no real task list back', () => {
  (corpusPresent ? test : test.skip)('every tasks.md of the shared corpus is within them', () => {
    const files = readdirSync(corpus).filter((name) => name.endsWith('.md'));
    expect(files.length).toBeGreaterThan(0);
    const refused = files.filter((name) => checkInputLimits(readFileSync(join(corpus, name), 'utf8'), name));
    expect(refused).toEqual([]);
  });
});
