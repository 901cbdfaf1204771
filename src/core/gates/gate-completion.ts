import type { SpecDocument } from '../model.js';
import { isOpen, listIds } from './task-state.js';
import type { Violation } from './types.js';

/** Every non-optional task done (or skipped); one violation per open task so each gets its annotation. */
export function gateCompletion(doc: SpecDocument): Violation[] {
  const open = doc.tasks.filter(isOpen);
  if (doc.tasks.length === 0) {
    return [
      { gate: 'completion', path: doc.path, line: 1, message: 'No tasks found, so none are complete.' },
    ];
  }
  return open.map((task) => ({
    gate: 'completion' as const,
    path: doc.path,
    line: task.line,
    taskId: task.id,
    message: `${task.id} is still ${task.status.replace('_', ' ')} (${open.length} open: ${listIds(open.map((t) => t.id))}).`,
  }));
}
