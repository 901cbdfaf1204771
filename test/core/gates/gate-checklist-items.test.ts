import { describe, expect, test } from '@jest/globals';
import { gatePhaseOrder } from '../../../src/core/gates/gate-phase-order.js';
import { gateTaskDependencies } from '../../../src/core/gates/gate-task-dependencies.js';
import type { ChecklistItem } from '../../../src/core/model.js';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';
import { done, phase, spec, task } from './factories.js';

function item(text: string, line: number, status: ChecklistItem['status']): ChecklistItem {
  return { text, line, status, marker: status === 'done' ? 'x' : ' ' };
}

const p1 = phase('1', 1);
const p2 = phase('2', 10, { blockedBy: ['phase-1'] });

describe('checklist items under a task in the gates', () => {
  test('a done task with an open checklist item is flagged on its line, naming the item', () => {
    const doc = spec({
      tasks: [done('T001', 3, { checklist: [item('Write the parser', 4, 'open'), item('Docs', 5, 'done')] })],
    });
    const violations = gatePhaseOrder(doc);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ line: 3, taskId: 'T001' });
    expect(violations[0]!.message).toContain('"Write the parser" (line 4)');
    expect(violations[0]!.message).not.toContain('Docs');
  });

  test('ticked and skipped items leave a done task alone', () => {
    const doc = spec({
      tasks: [done('T001', 3, { checklist: [item('A', 4, 'done'), item('B', 5, 'skipped')] })],
    });
    expect(gatePhaseOrder(doc)).toEqual([]);
  });

  test('an open item keeps its phase incomplete for the phases it blocks', () => {
    const doc = spec({
      phases: [p1, p2],
      tasks: [
        done('T001', 3, { phase: 'phase-1', checklist: [item('A', 4, 'open')] }),
        done('T002', 12, { phase: 'phase-2' }),
      ],
    });
    const later = gatePhaseOrder(doc).filter((violation) => violation.taskId === 'T002');
    expect(later).toEqual([expect.objectContaining({ line: 12, blockingTaskIds: ['T001'] })]);
  });

  test('a task depending on a done task with an open item is flagged', () => {
    const doc = spec({
      tasks: [
        done('T001', 3, { checklist: [item('A', 4, 'in_progress')] }),
        done('T002', 6, { dependsOn: ['T001'] }),
      ],
    });
    expect(gateTaskDependencies(doc)).toEqual([
      expect.objectContaining({ taskId: 'T002', blockingTaskIds: ['T001'] }),
    ]);
  });

  test('an optional task with open items blocks nothing', () => {
    const doc = spec({
      tasks: [
        task('T001', 3, { optional: true, checklist: [item('A', 4, 'open')] }),
        done('T002', 6, { dependsOn: ['T001'] }),
      ],
    });
    expect(gateTaskDependencies(doc)).toEqual([]);
  });

  test('from the file: unticking a sub-item fails the check, ticking it passes', () => {
    const text = (box: string) =>
      `# Tasks\n\n## Phase 1: Setup\n\n- [x] T001 Build the parser\n  - [x] Read boxes\n  - [${box}] Read tables\n`;
    const failing = gatePhaseOrder(parseTasks(text(' '), { path: 'specs/001-a/tasks.md' }));
    const passing = gatePhaseOrder(parseTasks(text('x'), { path: 'specs/001-a/tasks.md' }));
    expect(failing).toEqual([expect.objectContaining({ taskId: 'T001', line: 5 })]);
    expect(failing[0]!.message).toContain('"Read tables" (line 7)');
    expect(passing).toEqual([]);
  });
});
