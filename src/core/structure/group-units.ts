import type { SpecDocument, Task } from '../model.js';
import { phaseName, phaseNameById } from './phase-name.js';
import type { Granularity, IssueUnit } from './types.js';

interface Group {
  key: string;
  kind: IssueUnit['kind'];
  title: string;
  tasks: Task[];
}

/** A task's story: its own `[US1]` label, else the story of its phase. */
function storyOf(doc: SpecDocument, task: Task): string | null {
  return task.story ?? doc.phases.find((phase) => phase.id === task.phase)?.story ?? null;
}

function groupKey(doc: SpecDocument, task: Task, granularity: Granularity): Omit<Group, 'tasks'> {
  if (granularity === 'spec') return { key: 'spec', kind: 'spec', title: doc.title ?? 'Tasks' };
  const story = granularity === 'story' ? storyOf(doc, task) : null;
  if (story !== null) {
    const phase = doc.phases.find((candidate) => candidate.story === story);
    return {
      key: `story:${story}`,
      kind: 'story',
      title: phase ? phaseName(phase) : `User story ${story}`,
    };
  }
  // Work outside any story (setup, foundational, polish) is grouped by its phase.
  return {
    key: `phase:${task.phase ?? 'none'}`,
    kind: 'phase',
    title: phaseNameById(doc, task.phase, 'Tasks'),
  };
}

/**
 * Groups a spec's tasks into the units that get an issue, in file order of their first task. With `task`
 * every task is its own unit; with `story` tasks group by user story (others by phase); with `phase` by
 * phase; with `spec` into one.
 */
export function groupUnits(doc: SpecDocument, granularity: Granularity): IssueUnit[] {
  if (granularity === 'task') {
    return doc.tasks.map((task) => ({ key: task.id, kind: 'task', title: task.title, taskIds: [task.id] }));
  }
  const groups = new Map<string, Group>();
  for (const task of doc.tasks) {
    const head = groupKey(doc, task, granularity);
    const group = groups.get(head.key) ?? { ...head, tasks: [] };
    group.tasks.push(task);
    groups.set(head.key, group);
  }
  return [...groups.values()].map(({ tasks, ...group }) => ({
    ...group,
    taskIds: tasks.map((task) => task.id),
  }));
}

/** Which unit each task belongs to. */
export function unitOfTask(units: readonly IssueUnit[]): Map<string, string> {
  const byTask = new Map<string, string>();
  for (const unit of units) for (const id of unit.taskIds) if (!byTask.has(id)) byTask.set(id, unit.key);
  return byTask;
}
