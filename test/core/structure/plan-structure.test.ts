import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import type { SpecDocument } from '../../../src/core/model.js';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';
import { groupUnits } from '../../../src/core/structure/group-units.js';
import {
  diffRelations,
  planBlockedBy,
  planSubIssueOrder,
} from '../../../src/core/structure/plan-relations.js';
import {
  MAX_SUB_ISSUE_LEVELS,
  MAX_SUB_ISSUES_PER_PARENT,
  planSubIssueTree,
  treeRelations,
} from '../../../src/core/structure/plan-sub-issue-tree.js';
import { renderUnitChecklist } from '../../../src/core/structure/render-unit-checklist.js';
import type { TreeNode } from '../../../src/core/structure/types.js';

const corpus = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'corpus');

function corpusDoc(prefix: string): SpecDocument {
  const name = readdirSync(corpus).find((file) => file.startsWith(`${prefix}__`))!;
  const path = name.split('__').slice(2).join('__').replaceAll('~', '/');
  return parseTasks(readFileSync(join(corpus, name), 'utf8'), { path });
}

/** A spec-kit file with `phases` phases of `perPhase` tasks each; every fifth task depends on the one before. */
function specKit(phases: number, perPhase: number): SpecDocument {
  const lines = ['# Tasks: Big'];
  let n = 0;
  for (let phase = 1; phase <= phases; phase += 1) {
    lines.push('', `## Phase ${phase}: Part ${phase}`, '');
    for (let index = 0; index < perPhase; index += 1) {
      n += 1;
      const id = `T${String(n).padStart(3, '0')}`;
      const dependency = n % 5 === 0 ? ` (depends on T${String(n - 1).padStart(3, '0')})` : '';
      lines.push(`- [ ] ${id} Task ${n}${dependency}`);
    }
  }
  return parseTasks(lines.join('\n'), { path: 'specs/009-big/tasks.md' });
}

function walk(node: TreeNode, level = 1): { node: TreeNode; level: number }[] {
  return [{ node, level }, ...node.children.flatMap((child) => walk(child, level + 1))];
}

function unitKeys(node: TreeNode): string[] {
  return walk(node)
    .filter((entry) => entry.node.kind === 'unit')
    .map((entry) => entry.node.key);
}

describe('the sub-issue tree', () => {
  test('60 tasks sit directly under the spec parent, in file order', () => {
    const doc = specKit(3, 20);
    const tree = planSubIssueTree(doc, groupUnits(doc, 'task'));
    expect(tree.children.map((child) => child.key)).toEqual(doc.tasks.map((task) => task.id));
    expect(tree.children.every((child) => child.children.length === 0)).toBe(true);
  });

  test('250 tasks: the parent holds one issue per phase, no parent over 100, every task once in order', () => {
    const doc = specKit(5, 50);
    const tree = planSubIssueTree(doc, groupUnits(doc, 'task'));
    expect(tree.children.map((child) => [child.key, child.children.length])).toEqual([
      ['phase:phase-1', 50],
      ['phase:phase-2', 50],
      ['phase:phase-3', 50],
      ['phase:phase-4', 50],
      ['phase:phase-5', 50],
    ]);
    expect(Math.max(...walk(tree).map((entry) => entry.node.children.length))).toBeLessThanOrEqual(
      MAX_SUB_ISSUES_PER_PARENT,
    );
    expect(unitKeys(tree)).toEqual(doc.tasks.map((task) => task.id));
  });

  test('a phase over 100 tasks is split into numbered parts', () => {
    const doc = specKit(2, 130);
    const tree = planSubIssueTree(doc, groupUnits(doc, 'task'));
    const first = tree.children[0]!;
    expect(first.children.map((part) => [part.key, part.children.length])).toEqual([
      ['part:phase:phase-1:1', 100],
      ['part:phase:phase-1:2', 30],
    ]);
    expect(unitKeys(tree)).toEqual(doc.tasks.map((task) => task.id));
  });

  test('Kiro parent tasks hold their sub-tasks', () => {
    const doc = parseTasks(
      '# Implementation Plan\n\n- [ ] 1. Set up\n  - [ ] 1.1 Config\n  - [ ] 1.2 Tests\n- [ ] 2. Build\n- [ ] 2.1 Model\n',
      { path: '.kiro/specs/a/tasks.md' },
    );
    const tree = planSubIssueTree(doc, groupUnits(doc, 'task'));
    expect(treeRelations(tree)).toEqual([
      { from: 'spec', to: '1' },
      { from: '1', to: '1.1' },
      { from: '1', to: '1.2' },
      { from: 'spec', to: '2' },
      { from: '2', to: '2.1' },
    ]);
  });

  test('nesting deeper than GitHub allows is flattened at the last level', () => {
    const ids = [
      '1',
      '1.1',
      '1.1.1',
      '1.1.1.1',
      '1.1.1.1.1',
      '1.1.1.1.1.1',
      '1.1.1.1.1.1.1',
      '1.1.1.1.1.1.1.1',
      '1.1.1.1.1.1.1.1.1',
    ];
    const text = ids
      .map((id, depth) => `${'  '.repeat(depth)}- [ ] ${id}${depth === 0 ? '.' : ''} Level ${depth + 2}`)
      .join('\n');
    const doc = parseTasks(text, { path: '.kiro/specs/deep/tasks.md' });
    expect(doc.tasks).toHaveLength(ids.length);
    const tree = planSubIssueTree(doc, groupUnits(doc, 'task'));
    const levels = walk(tree);
    expect(Math.max(...levels.map((entry) => entry.level))).toBe(MAX_SUB_ISSUE_LEVELS);
    expect(unitKeys(tree).sort()).toEqual([...ids].sort());
  });

  test('with the corpus Kiro spec, sub-tasks sit under their numbered parents', () => {
    if (!existsSync(corpus)) return;
    const doc = corpusDoc('02');
    const tree = planSubIssueTree(doc, groupUnits(doc, 'task'));
    const one = tree.children.find((child) => child.key === '1')!;
    expect(one.children.map((child) => child.key)).toEqual(['1.1', '1.2']);
    expect(tree.children.every((child) => !child.key.includes('.'))).toBe(true);
    expect(unitKeys(tree)).toHaveLength(doc.tasks.length);
  });
});

describe('blocked-by relations', () => {
  const doc = parseTasks(
    '## Phase 1: Setup\n- [ ] T001 A\n- [ ] T002 B (depends on T001)\n## Phase 2: Core\n- [ ] T003 C (depends on T001, T002, T999)\n- [ ] T004 D (after T004)\n',
    { path: 'specs/001-a/tasks.md' },
  );

  test('come from the file, without unknown IDs or a task blocking itself', () => {
    const units = groupUnits(doc, 'task');
    const tree = planSubIssueTree(doc, units);
    expect(planBlockedBy(doc, units, tree, { blockedBy: true, phaseBlockedBy: false })).toEqual([
      { from: 'T002', to: 'T001' },
      { from: 'T003', to: 'T001' },
      { from: 'T003', to: 'T002' },
    ]);
  });

  test('with phase granularity they join phase issues, and phase blocking adds its own', () => {
    const units = groupUnits(doc, 'phase');
    const tree = planSubIssueTree(doc, units);
    const relations = planBlockedBy(doc, units, tree, { blockedBy: true, phaseBlockedBy: true });
    expect(relations).toEqual([{ from: 'phase:phase-2', to: 'phase:phase-1' }]);
    expect(planBlockedBy(doc, units, tree, { blockedBy: false, phaseBlockedBy: false })).toEqual([]);
  });

  test('the diff adds what is missing and removes only what spec-sync made', () => {
    const desired = [
      { from: 'T002', to: 'T001' },
      { from: 'T003', to: 'T002' },
    ];
    const actual = [
      { from: 'T002', to: 'T001' },
      { from: 'T003', to: 'T001' },
      { from: 'T004', to: 'T001' },
    ];
    const made = [
      { from: 'T002', to: 'T001' },
      { from: 'T003', to: 'T001' },
    ];
    expect(diffRelations(desired, actual, made)).toEqual({
      add: [{ from: 'T003', to: 'T002' }],
      remove: [{ from: 'T003', to: 'T001' }],
    });
    expect(diffRelations(desired, desired, desired)).toEqual({ add: [], remove: [] });
  });
});

function applyMoves(actual: string[], moves: { key: string; after: string | null }[]): string[] {
  const order = [...actual];
  for (const move of moves) {
    order.splice(order.indexOf(move.key), 1);
    order.splice(move.after === null ? 0 : order.indexOf(move.after) + 1, 0, move.key);
  }
  return order;
}

describe('sub-issue order', () => {
  test.each([
    [['a', 'b', 'c'], ['a', 'b', 'c'], 0],
    [['a', 'b', 'c'], ['c', 'a', 'b'], 1],
    [['a', 'b', 'c'], ['b', 'c', 'a'], 1],
    [['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a'], 3],
    [['a', 'b', 'c', 'd', 'e'], ['a', 'e', 'b', 'c', 'd'], 1],
  ])('desired %j from actual %j takes %i moves', (desired, actual, count) => {
    const moves = planSubIssueOrder(desired, actual);
    expect(moves).toHaveLength(count);
    expect(applyMoves(actual, moves)).toEqual(desired);
  });

  test('sub-issues not wanted are left where they are, and the wanted ones end in order', () => {
    const moves = planSubIssueOrder(['a', 'b'], ['x', 'b', 'a']);
    expect(moves).toHaveLength(1);
    expect(applyMoves(['x', 'b', 'a'], moves).filter((key) => key !== 'x')).toEqual(['a', 'b']);
  });

  test('30 shuffled sub-issues come out in order', () => {
    const desired = Array.from({ length: 30 }, (_, index) => `k${index}`);
    const actual = desired
      .map((key, index) => ({ key, rank: (index * 7) % 30 }))
      .sort((a, b) => a.rank - b.rank)
      .map((entry) => entry.key);
    expect(actual).not.toEqual(desired);
    expect(applyMoves(actual, planSubIssueOrder(desired, actual))).toEqual(desired);
  });
});

describe('granularity', () => {
  const present = existsSync(corpus);
  (present ? test : test.skip)(
    'story and phase on a real spec-kit file: few issues whose checklists mirror tasks.md',
    () => {
      const doc = corpusDoc('01');
      const byStory = groupUnits(doc, 'story');
      const byPhase = groupUnits(doc, 'phase');
      expect(byPhase).toHaveLength(doc.phases.length);
      expect(byStory.length).toBeLessThanOrEqual(byPhase.length);
      for (const units of [byStory, byPhase]) {
        expect(units.flatMap((unit) => unit.taskIds).sort()).toEqual(doc.tasks.map((task) => task.id).sort());
        const lines = units.flatMap((unit) => renderUnitChecklist(doc, unit).split('\n'));
        expect(lines).toHaveLength(
          doc.tasks.length + doc.tasks.reduce((sum, task) => sum + task.checklist.length, 0),
        );
        const ticked = lines.filter((line) => line.startsWith('- [x]')).length;
        expect(ticked).toBe(
          doc.tasks.filter((task) => task.status === 'done' || task.status === 'skipped').length,
        );
      }
      expect(groupUnits(doc, 'spec')).toEqual([
        expect.objectContaining({ key: 'spec', taskIds: doc.tasks.map((task) => task.id) }),
      ]);
    },
  );

  test('story groups tasks by their story label and the rest by phase', () => {
    const doc = parseTasks(
      '## Phase 1: Setup\n- [x] T001 A\n## Phase 3: User Story 1 - Pay\n- [ ] T002 [US1] B\n- [ ] T003 [US1] C\n## Phase 4: Polish\n- [ ] T004 [US1] Late story work\n- [ ] T005 D\n',
      { path: 'specs/001-a/tasks.md' },
    );
    expect(groupUnits(doc, 'story').map((unit) => [unit.key, unit.title, unit.taskIds])).toEqual([
      ['phase:phase-1', 'Phase 1: Setup', ['T001']],
      ['story:US1', 'Phase 3: User Story 1 - Pay', ['T002', 'T003', 'T004']],
      ['phase:phase-4', 'Phase 4: Polish', ['T005']],
    ]);
  });

  test('the checklist nests sub-tasks and items, ticks done and strikes skipped work', () => {
    const doc = parseTasks(
      '- [x] 1. Parent\n  - [ ] 1.1 Child\n    - [x] item under the child\n- [⏭] 2. Dropped\n- [ ]* 3. Maybe\n',
      { path: '.kiro/specs/a/tasks.md' },
    );
    const [unit] = groupUnits(doc, 'spec');
    expect(renderUnitChecklist(doc, unit!)).toBe(
      [
        '- [x] 1 Parent',
        '  - [ ] 1.1 Child',
        '    - [x] item under the child',
        '- [x] ~~2 Dropped~~ (skipped)',
        '- [ ] 3 Maybe (optional)',
      ].join('\n'),
    );
  });
});
