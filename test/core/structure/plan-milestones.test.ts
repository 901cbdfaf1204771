import { describe, expect, test } from '@jest/globals';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';
import { groupUnits } from '../../../src/core/structure/group-units.js';
import { planMilestones } from '../../../src/core/structure/plan-milestones.js';

const doc = parseTasks(
  '## Phase 1: Setup\n- [ ] T001 A\n## Phase 2: Core\n- [ ] T002 B\n- [ ] T003 C\n- [ ] T004 D\n',
  {
    path: 'specs/002-billing/tasks.md',
  },
);

describe('planMilestones', () => {
  test('off gives none', () => {
    expect(planMilestones(doc, groupUnits(doc, 'task'), '002-billing', 'off').size).toBe(0);
  });

  test('per spec: every issue in the spec milestone', () => {
    const plan = planMilestones(doc, groupUnits(doc, 'task'), '002-billing', 'spec');
    expect(new Set(plan.values())).toEqual(new Set(['002-billing']));
    expect(plan.size).toBe(4);
  });

  test('per phase: each issue in the milestone of its phase', () => {
    const plan = planMilestones(doc, groupUnits(doc, 'task'), '002-billing', 'phase');
    expect([...plan]).toEqual([
      ['T001', '002-billing: Phase 1: Setup'],
      ['T002', '002-billing: Phase 2: Core'],
      ['T003', '002-billing: Phase 2: Core'],
      ['T004', '002-billing: Phase 2: Core'],
    ]);
  });
});
