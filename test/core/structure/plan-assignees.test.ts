import { describe, expect, test } from '@jest/globals';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';
import { groupUnits } from '../../../src/core/structure/group-units.js';
import { planAssignees } from '../../../src/core/structure/plan-assignees.js';

const doc = parseTasks(
  '## Phase 1: Setup\n- [ ] T001 Build @alice\n- [ ] T002 Test @mallory @bob\n  - Owner: carol\n## Phase 2: Core\n- [ ] T003 Ship\n',
  { path: 'specs/001-a/tasks.md' },
);
const allowed = new Set(['alice', 'bob', 'carol']);
const canAssign = (login: string) => allowed.has(login.toLowerCase());

describe('planAssignees', () => {
  test('assigns the logins from the file that may be assigned, with a finding on the line of one that may not', () => {
    const plan = planAssignees(doc, groupUnits(doc, 'task'), new Map(), canAssign);
    expect([...plan.add]).toEqual([
      ['T001', ['alice']],
      ['T002', ['bob', 'carol']],
    ]);
    expect(plan.findings).toEqual([
      expect.objectContaining({ code: 'unassignable-login', line: 3, severity: 'warning' }),
    ]);
    expect(plan.findings[0]!.message).toContain('@mallory');
  });

  test('only adds: people already assigned, by the file or by hand, are left as they are', () => {
    const current = new Map([
      ['T001', ['Alice']],
      ['T002', ['dave']],
    ]);
    const plan = planAssignees(doc, groupUnits(doc, 'task'), current, canAssign);
    expect([...plan.add]).toEqual([['T002', ['bob', 'carol']]]);
  });

  test('a phase issue gathers the assignees of its tasks once each', () => {
    const plan = planAssignees(doc, groupUnits(doc, 'phase'), new Map(), canAssign);
    expect([...plan.add]).toEqual([['phase:phase-1', ['alice', 'bob', 'carol']]]);
  });
});
