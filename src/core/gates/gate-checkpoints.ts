import type { Checkpoint, SpecDocument, Task } from '../model.js';
import { isDone, isOpen, listIds, phaseLabel } from './task-state.js';
import type { Violation } from './types.js';

/**
 * A checkpoint counts as passed once any task after it (outside its phase) is done; passing it while the
 * work it closes is open is what the gate reports. The work a checkpoint closes: the tasks of its phase above
 * it, or, for a checkpoint outside any phase, the tasks between the previous checkpoint and this one.
 */
export function gateCheckpoints(doc: SpecDocument): Violation[] {
  const sorted = [...doc.checkpoints].sort((a, b) => a.line - b.line);
  return sorted.flatMap((checkpoint, index) => {
    const previousLine = index > 0 ? sorted[index - 1]!.line : 0;
    const closed = closedTasks(doc, checkpoint, previousLine);
    const open = closed.filter(isOpen).map((task) => task.id);
    const passedBy = doc.tasks.find(
      (task) =>
        task.line > checkpoint.line &&
        isDone(task) &&
        !closed.includes(task) &&
        !sharesPhase(task, checkpoint),
    );
    if (open.length === 0 || !passedBy) return [];
    const scope = checkpoint.phase === null ? 'the tasks above it' : phaseLabel(doc, checkpoint.phase);
    return [
      {
        gate: 'checkpoints' as const,
        path: doc.path,
        line: checkpoint.line,
        blockingTaskIds: open,
        message: `Checkpoint passed (${passedBy.id} is done) while ${scope} still has open tasks: ${listIds(open)}.`,
      },
    ];
  });
}

function closedTasks(doc: SpecDocument, checkpoint: Checkpoint, previousLine: number): Task[] {
  if (checkpoint.phase !== null) {
    return doc.tasks.filter((task) => task.phase === checkpoint.phase && task.line < checkpoint.line);
  }
  return doc.tasks.filter((task) => task.line > previousLine && task.line < checkpoint.line);
}

function sharesPhase(task: Task, checkpoint: Checkpoint): boolean {
  return checkpoint.phase !== null && task.phase === checkpoint.phase;
}
