import type { SpecDocument, Task } from '../model.js';
import {
  hasOpenWork,
  isDone,
  isOpen,
  listIds,
  openChecklistItems,
  phaseLabel,
  tasksByPhase,
} from './task-state.js';
import type { Violation } from './types.js';

/**
 * A done task in a phase whose blocking phases still have open tasks; and a parent task marked done
 * while one of its sub-tasks is open (Kiro's numbered tasks: `1.` is the group of `1.1`, `1.2`), or while
 * one of its checklist items (ID-less boxes under it) is.
 */
export function gatePhaseOrder(doc: SpecDocument): Violation[] {
  return [...phaseViolations(doc), ...parentViolations(doc), ...checklistViolations(doc)];
}

function checklistViolations(doc: SpecDocument): Violation[] {
  return doc.tasks.filter(isDone).flatMap((task) => {
    const open = openChecklistItems(task);
    if (open.length === 0) return [];
    const items = listIds(
      open.map((item) => `"${item.text.slice(0, 60)}" (line ${item.line})`),
      3,
    );
    return [
      {
        gate: 'phaseOrder' as const,
        path: doc.path,
        line: task.line,
        taskId: task.id,
        message: `${task.id} is marked done while its checklist ${open.length === 1 ? 'item' : 'items'} ${items} ${open.length === 1 ? 'is' : 'are'} open.`,
      },
    ];
  });
}

function phaseViolations(doc: SpecDocument): Violation[] {
  const byPhase = tasksByPhase(doc);
  const openIn = (phaseId: string) => (byPhase.get(phaseId) ?? []).filter(hasOpenWork).map((task) => task.id);
  const violations: Violation[] = [];
  for (const phase of doc.phases) {
    const blockers = phase.blockedBy.filter((id) => id !== phase.id && openIn(id).length > 0);
    if (blockers.length === 0) continue;
    for (const task of (byPhase.get(phase.id) ?? []).filter(isDone)) {
      const blocking = blockers.flatMap(openIn);
      const names = blockers.map((id) => phaseLabel(doc, id)).join(' and ');
      const verb = blockers.length === 1 ? 'is' : 'are';
      violations.push({
        gate: 'phaseOrder',
        path: doc.path,
        line: task.line,
        taskId: task.id,
        blockingTaskIds: blocking,
        message: `${task.id} is done before ${names} ${verb} complete; ${listIds(blocking)} still open.`,
      });
    }
  }
  return violations;
}

function parentViolations(doc: SpecDocument): Violation[] {
  const children = new Map<string, Task[]>();
  for (const task of doc.tasks) {
    if (task.parent === null) continue;
    children.set(task.parent, [...(children.get(task.parent) ?? []), task]);
  }
  return doc.tasks.filter(isDone).flatMap((parent) => {
    const open = (children.get(parent.id) ?? []).filter(isOpen).map((task) => task.id);
    if (open.length === 0) return [];
    return [
      {
        gate: 'phaseOrder' as const,
        path: doc.path,
        line: parent.line,
        taskId: parent.id,
        blockingTaskIds: open,
        message: `${parent.id} is marked done while its sub-tasks ${listIds(open)} are open.`,
      },
    ];
  });
}
