import type { ChecklistItem, SpecDocument, Task } from '../model.js';
import { phaseNameById } from '../structure/phase-name.js';

/** A task that still needs doing: not done, not skipped, and not optional (Kiro `[ ]*`). */
export function isOpen(task: Task): boolean {
  return !task.optional && task.status !== 'done' && task.status !== 'skipped';
}

/** Checklist items under a task (ID-less boxes) that are neither done nor skipped. */
export function openChecklistItems(task: Task): ChecklistItem[] {
  return task.checklist.filter((item) => item.status !== 'done' && item.status !== 'skipped');
}

/**
 * Work that blocks what depends on this task: the task itself is open, or one of its checklist items
 * is (a ticked task whose sub-items are not is not finished yet). Optional tasks block nothing.
 */
export function hasOpenWork(task: Task): boolean {
  return isOpen(task) || (!task.optional && openChecklistItems(task).length > 0);
}

export function isDone(task: Task): boolean {
  return task.status === 'done';
}

/** Counted towards progress: optional tasks are left out, skipped ones count as finished. */
export function countsTowardsProgress(task: Task): boolean {
  return !task.optional;
}

export function tasksByPhase(doc: SpecDocument): Map<string, Task[]> {
  const byPhase = new Map<string, Task[]>();
  for (const task of doc.tasks) {
    if (task.phase === null) continue;
    const list = byPhase.get(task.phase) ?? [];
    list.push(task);
    byPhase.set(task.phase, list);
  }
  return byPhase;
}

/**
 * How a phase is named in messages, as issues name it: `Phase 2: Foundational (Blocking Prerequisites)`,
 * or its name when unnumbered. No brackets around the name, so a name with its own never doubles them.
 */
export function phaseLabel(doc: SpecDocument, phaseId: string): string {
  return phaseNameById(doc, phaseId, phaseId);
}

/** `T001, T002, T003 and 4 more`: keeps messages short when many tasks are involved. */
export function listIds(ids: readonly string[], max = 5): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}
