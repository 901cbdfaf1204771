import { describe, expect, it } from '@jest/globals';
import {
  clearParseCache,
  PARSE_CACHE_SIZE,
  parseCacheSize,
  parseTasksCached,
} from '../../../src/core/parse/parse-cache.js';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';
import { MAX_TEXT_LENGTH } from '../../../src/core/parse/prepare-text.js';

const path = 'specs/001-x/tasks.md';

describe('parseTasks: text encodings and line endings', () => {
  it.each([
    ['BOM', '\ufeff# Tasks: BOM\n\n- [ ] T001 One\n', 'Tasks: BOM', 3],
    ['CRLF', '# Tasks: CRLF\r\n\r\n## Phase 1: Setup\r\n\r\n- [x] T001 One\r\n', 'Tasks: CRLF', 5],
    ['tab indentation', '# Tasks: Tabs\n\n- [ ] 1. Parent\n\t- [x] 1.1 Child\n', 'Tasks: Tabs', 3],
  ])('%s', (_name, text, title, line) => {
    const document = parseTasks(text, { path });
    expect(document.title).toBe(title);
    expect(document.tasks[0]!.line).toBe(line);
  });

  it('keeps CRLF out of titles', () => {
    const document = parseTasks('- [ ] T001 One\r\n  wrapped\r\n', { path });
    expect(document.tasks[0]!.title).toBe('One wrapped');
  });

  it('reads a tab-indented sub-task as a child', () => {
    const document = parseTasks('- [ ] 1. Parent\n\t- [x] 1.1 Child\n', { path });
    expect(document.tasks.map((task) => [task.id, task.parent, task.status])).toEqual([
      ['1', null, 'open'],
      ['1.1', '1', 'done'],
    ]);
  });

  it('keeps line numbers of the original file when there is frontmatter', () => {
    const document = parseTasks('---\na: 1\n---\n\n- [ ] T001 One\n', { path });
    expect(document.frontmatter).toEqual({ a: 1 });
    expect(document.tasks[0]!.line).toBe(5);
  });
});

describe('parseTasks: dialect', () => {
  it.each([
    ['.kiro/specs/a/tasks.md', '- [ ] T001 One\n', 'kiro'],
    ['specs/a/tasks.md', '- [ ] T001 One\n- [ ] T002 Two\n', 'speckit'],
    ['tasks.md', '- [ ] 1. One\n- [ ] 1.1 Two\n', 'kiro'],
    ['tasks.md', '- [ ] One\n', 'other'],
  ])('%s', (file, text, dialect) => {
    expect(parseTasks(text, { path: file }).dialect).toBe(dialect);
  });
});

describe('parseTasks: bad input is bounded', () => {
  it('returns an empty document for an empty file', () => {
    const document = parseTasks('', { path });
    expect(document).toMatchObject({
      path,
      tasks: [],
      phases: [],
      findings: [],
      frontmatter: {},
      title: null,
    });
  });

  it.each([
    ['NUL bytes', 'PK\u0003\u0004\u0000\u0000- [ ] T001 hidden'],
    ['undecodable bytes', `- [ ] T001 x\n${'\ufffd'.repeat(40)}`],
  ])('reports %s as not-text with no tasks', (_name, text) => {
    const document = parseTasks(text, { path });
    expect(document.tasks).toEqual([]);
    expect(document.findings).toEqual([expect.objectContaining({ code: 'not-text', severity: 'error' })]);
  });

  it('refuses a 10 MB file with a too-large finding', () => {
    const text = `# Big\n\n${'Lorem ipsum dolor sit amet.\n'.repeat(Math.ceil(10_000_000 / 28))}`;
    expect(text.length).toBeGreaterThan(MAX_TEXT_LENGTH);
    const document = parseTasks(text, { path });
    expect(document.tasks).toEqual([]);
    expect(document.findings.map((finding) => finding.code)).toEqual(['too-large']);
  });

  it('reads 100,000 tasks', () => {
    const lines = Array.from({ length: 100_000 }, (_, n) => `- [ ] T${String(n + 1).padStart(6, '0')} t`);
    const document = parseTasks(`${lines.join('\n')}\n`, { path });
    expect(document.tasks).toHaveLength(100_000);
    expect(document.tasks[99_999]).toMatchObject({ id: 'T100000', line: 100_000 });
  }, 300_000);

  it('reads lists nested 1,000 deep, cutting the depth, with a finding', () => {
    const lines = Array.from(
      { length: 1000 },
      (_, n) => `${'  '.repeat(n)}- [ ] T${String(n + 1).padStart(4, '0')} level`,
    );
    const document = parseTasks(`${lines.join('\n')}\n`, { path });
    expect(document.tasks).toHaveLength(1000);
    expect(document.tasks[999]).toMatchObject({ id: 'T1000', line: 1000 });
    expect(document.tasks[1]!.parent).toBe('T0001');
    expect(document.findings).toContainEqual(expect.objectContaining({ code: 'nesting-too-deep', line: 62 }));
  }, 120_000);

  it('reads a 1 MB line', () => {
    const document = parseTasks(`- [ ] T001 ${'a'.repeat(1_000_000)}\n- [x] T002 after\n`, { path });
    expect(document.tasks.map((task) => task.id)).toEqual(['T001', 'T002']);
    expect(document.tasks[0]!.title).toHaveLength(1_000_000);
  });

  it('never throws, even when handed something that is not a string', () => {
    const document = parseTasks(undefined as unknown as string, { path });
    expect(document.tasks).toEqual([]);
  });
});

describe('parseTasksCached', () => {
  it('returns equal documents and parses the same content once', () => {
    clearParseCache();
    const first = parseTasksCached('- [ ] T001 One\n', { path });
    const second = parseTasksCached('- [ ] T001 One\n', { path });
    expect(second).toEqual(first);
    expect(second).toBe(first); // shared: one frozen document, never copied
    expect(parseCacheSize()).toBe(1);
    parseTasksCached('- [ ] T001 One\n', { path: 'other/tasks.md' });
    expect(parseCacheSize()).toBe(2);
  });

  it("hands out frozen documents, so one caller cannot change another caller's document", () => {
    clearParseCache();
    const first = parseTasksCached('- [ ] T001 One\n', { path });
    expect(() => {
      first.tasks[0]!.title = 'changed';
    }).toThrow(TypeError);
    expect(() => first.tasks.push(first.tasks[0]!)).toThrow(TypeError);
    expect(parseTasksCached('- [ ] T001 One\n', { path }).tasks.map((task) => task.title)).toEqual(['One']);
  });

  it(`keeps at most ${PARSE_CACHE_SIZE} entries`, () => {
    clearParseCache();
    for (let n = 0; n < PARSE_CACHE_SIZE + 20; n += 1) parseTasksCached(`- [ ] T${n + 100} x\n`, { path });
    expect(parseCacheSize()).toBe(PARSE_CACHE_SIZE);
  });
});
