import { describe, expect, test } from '@jest/globals';
import { gateDocuments } from '../../../src/core/gates/gate-documents.js';
import type { SpecFile } from '../../../src/core/gates/types.js';
import { spec } from './factories.js';

const file = (path: string): SpecFile => ({ path, text: '# x\n' });

describe('gateDocuments', () => {
  const cases: Array<{ tasksPath: string; present: string[]; missing: string | null }> = [
    { tasksPath: 'specs/001-a/tasks.md', present: ['spec.md', 'plan.md'], missing: null },
    { tasksPath: 'specs/001-a/tasks.md', present: ['spec.md'], missing: 'plan.md missing' },
    { tasksPath: 'specs/001-a/tasks.md', present: [], missing: 'spec.md and plan.md missing' },
    { tasksPath: '.specify/specs/x/tasks.md', present: ['plan.md'], missing: 'spec.md missing' },
    { tasksPath: 'webapp/specs/013-cli/tasks.md', present: ['spec.md', 'plan.md'], missing: null },
    {
      tasksPath: '.kiro/specs/auth/tasks.md',
      present: ['spec.md', 'plan.md'],
      missing: 'requirements.md and design.md missing',
    },
    { tasksPath: '.kiro/specs/auth/tasks.md', present: ['requirements.md', 'design.md'], missing: null },
    { tasksPath: 'tasks/tasks.md', present: [], missing: null },
  ];
  test.each(cases)('$tasksPath with $present', ({ tasksPath, present, missing }) => {
    const dir = tasksPath.slice(0, tasksPath.lastIndexOf('/'));
    const documents = Object.fromEntries(present.map((name) => [name, file(`${dir}/${name}`)]));
    const found = gateDocuments({ specDir: dir, tasksPath, doc: spec({ path: tasksPath }), documents });
    if (missing === null) expect(found).toEqual([]);
    else {
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ path: tasksPath, line: 1 });
      expect(found[0]?.message.startsWith(missing)).toBe(true);
    }
  });

  test('a document given as null counts as absent', () => {
    const found = gateDocuments({
      specDir: 'specs/001-a',
      tasksPath: 'specs/001-a/tasks.md',
      doc: spec({}),
      documents: { 'spec.md': file('specs/001-a/spec.md'), 'plan.md': null },
    });
    expect(found.map((violation) => violation.message.split(' missing')[0])).toEqual(['plan.md']);
  });
});
