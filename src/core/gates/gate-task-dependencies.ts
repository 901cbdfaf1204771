import type { SpecDocument } from '../model.js';
import { hasOpenWork, isDone, listIds } from './task-state.js';
import type { Violation } from './types.js';

/** A done task that names, in its text, a task that is still open (`depends on T012`), checklist included. */
export function gateTaskDependencies(doc: SpecDocument): Violation[] {
  // A duplicated ID is open while any of its tasks is: the parser reports the duplicate separately.
  const openIds = new Set(doc.tasks.filter(hasOpenWork).map((task) => task.id));
  return doc.tasks.filter(isDone).flatMap((task) => {
    const open = [...new Set(task.dependsOn)].filter((id) => id !== task.id && openIds.has(id));
    if (open.length === 0) return [];
    return [
      {
        gate: 'taskDependencies' as const,
        path: doc.path,
        line: task.line,
        taskId: task.id,
        blockingTaskIds: open,
        message: `${task.id} is done but depends on ${listIds(open)}, still open.`,
      },
    ];
  });
}
