import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { setTaskStatuses, type TargetStatus } from '../../../src/core/edit-tasks/edit-tasks.js';
import type { Task } from '../../../src/core/model.js';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';

/**
 * Edits then parses again: what the editor writes must read back as the wanted status through the real
 * parser, and no other line may change. The corpus part skips when ../shared/corpus is absent (the
 * repository does not carry those files).
 */

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(here, '..', '..', '..', '..', 'shared', 'corpus');
const corpusFiles = existsSync(CORPUS) ? readdirSync(CORPUS).filter((name) => name.endsWith('.md')) : [];
const withCorpus = corpusFiles.length > 0 ? describe : describe.skip;

if (corpusFiles.length === 0) test.skip(`corpus round trips: ${CORPUS} is absent`, () => {});

function statusesAfter(text: string, tasks: readonly Task[], status: TargetStatus) {
  const edit = setTaskStatuses(
    text,
    tasks,
    tasks.map((task) => ({ id: task.id, status })),
  );
  return { edit, reparsed: parseTasks(edit.text, { path: 'tasks.md' }) };
}

/** Lines that differ between two texts, 1-based. */
function changedLines(before: string, after: string): number[] {
  const a = before.split(/\r\n|\r|\n/);
  const b = after.split(/\r\n|\r|\n/);
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, index) => (line === b[index] ? [] : [index + 1]));
}

describe('setTaskStatuses then parseTasks', () => {
  const files: [string, string][] = [
    ['GFM lower-case', '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 Setup\n- [x] T002 [P] Model\n'],
    ['GFM upper-case', '# Tasks\n\n- [X] T001 Setup\n- [X] T002 Model\n- [ ] T003 API\n'],
    ['emoji markers', '# Tasks\n\n- [🚧] T001 Setup\n- [ ] T002 Model\n'],
    ['word markers', '# Tasks\n\n- [TODO] Task-001: Setup\n- [DONE] Task-002: Model\n'],
    ['Kiro', '# Implementation Plan\n\n- [-] 1. Parent\n  - [~] 1.1 Child\n  - [ ]* 1.2 Optional tests\n'],
    ['BOM and CRLF', '\ufeff# Tasks\r\n\r\n- [ ] T001 Setup\r\n- [ ] T002 Model\r\n'],
  ];

  test.each(
    files.flatMap(([name, text]) =>
      (['done', 'open', 'skipped'] as const).map((s) => [name, s, text] as const),
    ),
  )('%s: every task set %s reads back so', (_name, status, text) => {
    const before = parseTasks(text, { path: 'tasks.md' });
    expect(before.tasks.length).toBeGreaterThan(0);
    const { edit, reparsed } = statusesAfter(text, before.tasks, status);
    expect(edit.conflicts).toEqual([]);
    expect(reparsed.tasks.map((task) => [task.id, task.status, task.optional])).toEqual(
      before.tasks.map((task) => [task.id, status, task.optional]),
    );
    const taskLines = new Set(before.tasks.map((task) => task.line));
    for (const line of changedLines(text, edit.text)) expect(taskLines.has(line)).toBe(true);
    expect(edit.text.startsWith('\ufeff')).toBe(text.startsWith('\ufeff'));
    expect(edit.text.split('\r\n').length).toBe(text.split('\r\n').length);
  });
});

withCorpus('setTaskStatuses on every corpus file', () => {
  test.each(corpusFiles)('%s', (name) => {
    const text = readFileSync(join(CORPUS, name), 'utf8');
    const before = parseTasks(text, { path: name });
    for (const status of ['done', 'open', 'skipped'] as const) {
      const { edit, reparsed } = statusesAfter(text, before.tasks, status);
      const untouched = new Set(edit.conflicts.map((conflict) => conflict.id));
      const taskLines = new Set(before.tasks.map((task) => task.line));
      for (const line of changedLines(text, edit.text)) expect(taskLines.has(line)).toBe(true);
      for (const task of reparsed.tasks.filter((t) => !untouched.has(t.id))) {
        expect([task.id, task.status]).toEqual([task.id, status]);
      }
      const again = setTaskStatuses(
        edit.text,
        reparsed.tasks,
        before.tasks.map((task) => ({ id: task.id, status })),
      );
      expect(again.text).toBe(edit.text);
    }
  });
});
