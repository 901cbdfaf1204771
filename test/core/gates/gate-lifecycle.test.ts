import { describe, expect, test } from '@jest/globals';
import { frontmatterStatus, gateLifecycle } from '../../../src/core/gates/gate-lifecycle.js';
import type { Task } from '../../../src/core/model.js';
import { done, spec, task } from './factories.js';

function run(status: string, present: Record<string, string | undefined>, tasks: Task[] = [done('T1', 5)]) {
  const documents = Object.fromEntries(
    Object.entries(present)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, text]) => [name, { path: `specs/a/${name}`, text }]),
  );
  const tasksText = `---\nstatus: ${status}\n---\n# Tasks\n- [x] T1 a\n`;
  return gateLifecycle({
    specDir: 'specs/a',
    tasksPath: 'specs/a/tasks.md',
    doc: spec({ frontmatter: { status }, tasks }),
    documents,
    tasksText,
  });
}

describe('gateLifecycle', () => {
  test.each([
    { status: 'new', present: {}, reasons: 0 },
    { status: 'researched', present: {}, reasons: 1 },
    { status: 'researched', present: { 'research.md': 'r' }, reasons: 0 },
    { status: 'designed', present: { 'research.md': 'r' }, reasons: 1 },
    { status: 'designed', present: { 'research.md': 'r', 'design.md': 'd' }, reasons: 0 },
    { status: 'implemented', present: { 'research.md': 'r', 'plan.md': 'p' }, reasons: 0 },
    { status: 'implemented', present: {}, reasons: 2 },
    {
      status: 'implemented',
      present: { 'research.md': 'r', 'plan.md': 'NEEDS CLARIFICATION: db' },
      reasons: 1,
    },
    { status: 'Draft', present: {}, reasons: 0 },
  ])('$status with $present → $reasons', ({ status, present, reasons }) => {
    const found = run(status, present);
    expect(found).toHaveLength(reasons);
    for (const violation of found) expect(violation).toMatchObject({ path: 'specs/a/tasks.md', line: 2 });
  });

  test('implemented with open tasks holds; completed with open tasks does not', () => {
    const docs = { 'research.md': 'r', 'plan.md': 'p' };
    expect(run('implemented', docs, [task('T1', 5)])).toEqual([]);
    expect(
      run('completed', docs, [task('T1', 5), task('T2', 6, { optional: true })]).map((v) => v.message),
    ).toEqual(['Status `completed` claimed, but 1 task(s) are still open.']);
  });

  test('implemented without any task', () => {
    const found = run('implemented', { 'research.md': 'r', 'plan.md': 'p' }, []);
    expect(found.map((v) => v.message)).toEqual([
      'Status `implemented` claimed, but the implementation has no tasks.',
    ]);
  });

  test('a status in spec.md frontmatter is checked at its own line; sections count as content', () => {
    const specText = '---\ntitle: x\nstatus: "designed"\n---\n# Spec\n## Research\nfound\n';
    const found = gateLifecycle({
      specDir: 'specs/a',
      tasksPath: 'specs/a/tasks.md',
      doc: spec({}),
      documents: { 'spec.md': { path: 'specs/a/spec.md', text: specText } },
    });
    expect(found.map(({ path, line }) => `${path}:${line}`)).toEqual(['specs/a/spec.md:3']);
    expect(found[0]?.message).toContain('no design');
  });

  test('frontmatterStatus reads only the frontmatter', () => {
    expect(frontmatterStatus('---\na: 1\nstatus: new # comment\n---\n')).toEqual({ status: 'new', line: 3 });
    expect(frontmatterStatus('# T\nstatus: new\n')).toBeNull();
    expect(frontmatterStatus('---\na: 1\n---\nstatus: new\n')).toBeNull();
  });
});
