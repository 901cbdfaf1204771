import { describe, expect, test } from '@jest/globals';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';
import { planSpecStructure } from '../../../src/core/structure/plan-spec-structure.js';
import type { StructureOptions } from '../../../src/core/structure/types.js';

const doc = parseTasks(
  '## Phase 1: Setup\n- [x] T001 A\n- [ ] T002 B (depends on T001)\n## Phase 2: Core\n- [ ] T003 C (depends on T002)\n',
  { path: 'specs/002-billing/tasks.md' },
);

/** Per task, with sub-issues and blocked-by turned on (both are off in the config's defaults). */
const perTask: StructureOptions = {
  granularity: 'task',
  subIssues: true,
  blockedBy: true,
  phaseBlockedBy: false,
  assignees: true,
  milestones: 'off',
};

describe('planSpecStructure', () => {
  test('per task with sub-issues and blocked-by: a unit per task under the parent, blocked-by from the file, no milestones', () => {
    const structure = planSpecStructure(doc, '002-billing', perTask);
    expect(structure.units.map((unit) => unit.key)).toEqual(['T001', 'T002', 'T003']);
    expect(structure.tree?.children.map((child) => child.key)).toEqual(['T001', 'T002', 'T003']);
    expect(structure.blockedBy).toEqual([
      { from: 'T002', to: 'T001' },
      { from: 'T003', to: 'T002' },
    ]);
    expect(structure.milestones.size).toBe(0);
  });

  test('options turn pieces off or on', () => {
    const structure = planSpecStructure(doc, '002-billing', {
      ...perTask,
      granularity: 'phase',
      subIssues: false,
      phaseBlockedBy: true,
      milestones: 'spec',
    });
    expect(structure.units.map((unit) => unit.key)).toEqual(['phase:phase-1', 'phase:phase-2']);
    expect(structure.tree).toBeNull();
    expect(structure.blockedBy).toEqual([{ from: 'phase:phase-2', to: 'phase:phase-1' }]);
    expect([...structure.milestones.values()]).toEqual(['002-billing', '002-billing']);
  });
});
