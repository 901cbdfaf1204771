import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';

/** The two examples in docs/formats.md are read as the document says. */
const doc = readFileSync(fileURLToPath(new URL('../../../docs/formats.md', import.meta.url)), 'utf8');

function example(name: string): string {
  const match = new RegExp(`<!-- example: ${name} -->\\n\`\`\`\`markdown\\n([\\s\\S]*?)\`\`\`\`\\n`).exec(
    doc,
  );
  if (!match) throw new Error(`example ${name} missing from docs/formats.md`);
  return match[1]!;
}

describe('docs/formats.md examples', () => {
  it('reads the spec-kit example as described', () => {
    const document = parseTasks(example('speckit'), { path: 'specs/004-reading-list/tasks.md' });
    expect(document.dialect).toBe('speckit');
    expect(document.tasks.map((task) => [task.id, task.status, task.phase])).toEqual([
      ['T001', 'done', 'phase-1'],
      ['T002', 'open', 'phase-2'],
      ['T003', 'open', 'phase-3'],
      ['T004', 'open', 'phase-3'],
      ['T005', 'open', 'phase-4'],
    ]);
    expect(document.tasks[2]).toMatchObject({ parallel: true, story: 'US1', files: ['src/models/book.py'] });
    expect(document.tasks[3]!.dependsOn).toEqual(['T003']);
    expect(document.checkpoints).toEqual([{ phase: 'phase-2', line: 11, text: 'Storage ready' }]);
    expect(document.phases.map((phase) => [phase.id, phase.blockedBy, phase.blockedBySource])).toEqual([
      ['phase-1', [], 'document'],
      ['phase-2', ['phase-1'], 'document'],
      ['phase-3', ['phase-2'], 'default'],
      ['phase-4', ['phase-2', 'phase-3'], 'default'],
    ]);
    expect(document.findings).toEqual([]);
  });

  it('reads the Kiro example as described', () => {
    const document = parseTasks(example('kiro'), { path: '.kiro/specs/auth/tasks.md' });
    expect(document.dialect).toBe('kiro');
    expect(document.phases).toEqual([]);
    expect(document.tasks.map((task) => [task.id, task.status, task.parent, task.optional])).toEqual([
      ['1', 'open', null, false],
      ['1.1', 'done', '1', false],
      ['1.2', 'open', '1', true],
      ['2', 'in_progress', null, false],
      ['2.1', 'open', '2', false],
    ]);
    expect(document.tasks[0]).toMatchObject({
      details: ['Create the user model', '_Requirements: 1.1, 1.2_'],
      requirements: ['1.1', '1.2'],
    });
    expect(document.tasks[1]!.files).toEqual(['db/users.sql']);
    expect(document.tasks[4]).toMatchObject({ marker: '~', parallel: true });
  });
});
