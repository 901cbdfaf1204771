import type { Dialect, Finding, Phase, SpecDocument, Task } from '../model.js';
import { boxlessTasksNotice, finishHeadingTasks } from './collect-heading-tasks.js';
import { resolvePhaseBlocking } from './resolve-phase-blocking.js';
import { slugOf } from './walk-document.js';
import type { WalkState } from './walk-state.js';

/**
 * Tasks without an ID are numbered by order within their phase (or section): `phase-2#3` is the third
 * ID-less task of phase 2. Editing a task's text keeps its ID; inserting one before it does not.
 */
function assignDerivedIds(tasks: Task[], findings: Finding[]): void {
  const scopes = new Map<string, { count: number; first: Task }>();
  for (const task of tasks) {
    if (task.idSource === 'explicit') continue;
    const scope = task.phase ?? (task.section ? slugOf(task.section) : 'tasks');
    const entry = scopes.get(scope) ?? { count: 0, first: task };
    entry.count += 1;
    scopes.set(scope, entry);
    task.id = `${scope}#${entry.count}`;
  }
  for (const { count, first } of scopes.values()) {
    findings.push({
      code: 'derived-id',
      severity: 'notice',
      line: first.line,
      message: `${count} task(s) here have no ID, so they are known by position (${first.id}, …); give them IDs (T001, 1.2) so their issues survive tasks being inserted above them.`,
    });
  }
}

/** Nested tasks take their parent from the list; flat Kiro sub-tasks (`1.1` after `1.`) from the dotted number. */
function assignParents(state: WalkState): void {
  state.tasks.forEach((task, index) => {
    const structural = state.parents.get(task);
    if (structural) {
      task.parent = structural.id;
      return;
    }
    if (task.idSource !== 'explicit' || !/^\d+(?:\.\d+)+$/.test(task.id)) return;
    const parentId = task.id.slice(0, task.id.lastIndexOf('.'));
    const earlier = state.tasks.slice(0, index).findLast((other) => other.id === parentId);
    task.parent = earlier ? earlier.id : null;
  });
}

function findDuplicates(tasks: Task[]): Finding[] {
  const firstLine = new Map<string, number>();
  const findings: Finding[] = [];
  for (const task of tasks) {
    const first = firstLine.get(task.id);
    if (first === undefined) firstLine.set(task.id, task.line);
    else {
      findings.push({
        code: 'duplicate-id',
        severity: 'warning',
        line: task.line,
        message: `Task ID ${task.id} is used again (first on line ${first}); give each task its own ID so each gets its own issue.`,
      });
    }
  }
  return findings;
}

function findUnknownStories(tasks: Task[], phases: Phase[]): Finding[] {
  const stories = new Set(phases.map((phase) => phase.story).filter((story) => story !== null));
  if (stories.size === 0) return [];
  return tasks
    .filter((task) => task.story !== null && !stories.has(task.story))
    .map((task) => ({
      code: 'unknown-story',
      severity: 'warning' as const,
      line: task.line,
      message: `Task ${task.id} is labelled [${task.story}], but no phase is a User Story ${task.story?.slice(2)} phase.`,
    }));
}

export function detectDialect(path: string, tasks: Task[]): Dialect {
  if (/(^|\/)\.kiro\//.test(path)) return 'kiro';
  const explicit = tasks.filter((task) => task.idSource === 'explicit');
  const speckit = explicit.filter((task) => /^T-?\d/.test(task.id)).length;
  const kiro = explicit.filter((task) => /^\d/.test(task.id)).length;
  if (speckit > kiro) return 'speckit';
  if (kiro > speckit) return 'kiro';
  return 'other';
}

function noCheckboxTasks(state: WalkState): Finding[] {
  if (state.taskHeadings === 0 || state.tasks.some((task) => task.idSource === 'explicit')) return [];
  return [
    {
      code: 'no-checkbox-tasks',
      severity: 'notice',
      line: 1,
      message: `${state.taskHeadings} headings or table rows look like tasks (### T-001 …, ### Task 1.1: …, | T001 | …), but none could be read as one; spec-sync reads checkbox items (- [ ] T001 …), task headings and task tables (docs/formats.md), so these are not tracked.`,
    },
  ];
}

export function finishDocument(
  state: WalkState,
  path: string,
  frontmatter: Record<string, unknown>,
): SpecDocument {
  const findings = [...state.findings];
  const boxed = state.tasks.some((task) => task.idSource === 'explicit');
  const headingTasks = finishHeadingTasks(state);
  // A task described under its own heading says more than its row in an overview table.
  const headingIds = new Set(headingTasks.map((task) => task.id));
  const tableTasks = boxed ? [] : state.tableTasks.filter((task) => !headingIds.has(task.id));
  state.tasks = [...state.tasks, ...tableTasks, ...headingTasks].sort((a, b) => a.line - b.line);
  const used = new Set([...state.tasks.map((task) => task.phase), ...state.checkpoints.map((c) => c.phase)]);
  const phases = resolvePhaseBlocking(
    state.phases.filter((phase) => used.has(phase.id)),
    state.statements,
  );
  assignDerivedIds(state.tasks, findings);
  assignParents(state);
  findings.push(...findDuplicates(state.tasks), ...findUnknownStories(state.tasks, phases));
  findings.push(
    ...noCheckboxTasks(state),
    ...boxlessTasksNotice(headingTasks, 'heading-tasks', 'headings'),
    ...boxlessTasksNotice(tableTasks, 'table-tasks', 'table rows'),
  );
  findings.sort((a, b) => a.line - b.line);
  const dialect = detectDialect(path, state.tasks);
  return {
    path,
    dialect,
    frontmatter,
    title: state.title,
    phases,
    tasks: state.tasks,
    checkpoints: state.checkpoints,
    findings,
  };
}
