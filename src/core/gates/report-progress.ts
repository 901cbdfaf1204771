import type { SpecDocument } from '../model.js';
import { countsTowardsProgress, isOpen, tasksByPhase } from './task-state.js';
import type { BlockingTask, PhaseProgress, Violation } from './types.js';

/** Done over total per phase; optional tasks are left out, skipped ones count as finished. */
export function phaseProgress(doc: SpecDocument): PhaseProgress[] {
  const byPhase = tasksByPhase(doc);
  return doc.phases.map((phase) => {
    const tasks = (byPhase.get(phase.id) ?? []).filter(countsTowardsProgress);
    const open = tasks.filter(isOpen).map((task) => task.id);
    return { id: phase.id, name: phase.name, done: tasks.length - open.length, total: tasks.length, open };
  });
}

export function overallProgress(doc: SpecDocument): { done: number; total: number } {
  const counted = doc.tasks.filter(countsTowardsProgress);
  return { done: counted.filter((task) => !isOpen(task)).length, total: counted.length };
}

/** Open tasks named as blocking by phase-order and dependency violations, in file order, once each. */
export function blockingTasks(doc: SpecDocument, violations: readonly Violation[]): BlockingTask[] {
  const ids = new Set(
    violations
      .filter((violation) => violation.gate === 'phaseOrder' || violation.gate === 'taskDependencies')
      .flatMap((violation) => violation.blockingTaskIds ?? []),
  );
  const seen = new Set<string>();
  return doc.tasks
    .filter((task) => ids.has(task.id) && isOpen(task) && !seen.has(task.id) && seen.add(task.id))
    .map((task) => ({ id: task.id, line: task.line, title: task.title }));
}
