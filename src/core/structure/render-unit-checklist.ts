import type { SpecDocument, Task } from '../model.js';
import type { IssueUnit } from './types.js';

/** GitHub task lists know two states; skipped work is ticked and struck through so it reads as settled. */
function box(task: Pick<Task, 'status'>): string {
  return task.status === 'done' || task.status === 'skipped' ? '[x]' : '[ ]';
}

function line(task: Task): string {
  const text = `${task.id} ${task.title}`.trim();
  const shown = task.status === 'skipped' ? `~~${text}~~ (skipped)` : text;
  return `${box(task)} ${shown}${task.optional ? ' (optional)' : ''}`;
}

/**
 * The checklist of a story, phase or spec issue, mirroring tasks.md: one line per task in file order,
 * sub-tasks and the ID-less items under a task indented beneath it, ticked as the file ticks them.
 */
export function renderUnitChecklist(doc: SpecDocument, unit: IssueUnit): string {
  const ids = new Set(unit.taskIds);
  const tasks = doc.tasks.filter((task) => ids.has(task.id));
  // Each task's parent by ID, built once; with a repeated ID the first task answers, as a search from the top would.
  const parentOf = new Map<string, string | null>();
  for (const task of doc.tasks) if (!parentOf.has(task.id)) parentOf.set(task.id, task.parent);
  const depth = (task: Task): number => {
    let level = 0;
    for (let up = task.parent; up !== null && ids.has(up); up = parentOf.get(up) ?? null) level += 1;
    return level;
  };
  return tasks
    .flatMap((task) => {
      const indent = '  '.repeat(depth(task));
      return [
        `${indent}- ${line(task)}`,
        ...task.checklist.map((item) => `${indent}  - ${box(item)} ${item.text}`),
      ];
    })
    .join('\n');
}
