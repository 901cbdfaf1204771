import type { Heading } from 'mdast';
import type { Finding, Task } from '../model.js';
import { lineOf } from './markdown-tree.js';
import { readHeadingTask, readStatusValue } from './read-heading-task.js';
import { readDependsOn, readFiles, readRequirements } from './read-task-fields.js';
import { currentPhase, currentSection, insideHeading, type WalkState } from './walk-state.js';

const FIELD_START = String.raw`(?:^|\|)[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)`;
const FIELD_END = String.raw`(?:(?:\*\*|__)[ \t]*[:：]|[ \t]*[:：][ \t]*(?:\*\*|__))[ \t]*([^|\n]*)`;
const STATUS_FIELD = new RegExp(`${FIELD_START}Status${FIELD_END}`, 'iu');
const DEPENDS_FIELD = new RegExp(`${FIELD_START}(?:Dependenc(?:y|ies)|Depends on)${FIELD_END}`, 'iu');
const FILES_FIELD = new RegExp(`${FIELD_START}Files?(?: affected)?${FIELD_END}`, 'iu');
const BULLET_LINE = /^[ \t]*[-*+][ \t]+/u;

/**
 * Notes a heading that names a task (`### T001 …`, `### Task 1.1: …`); called before the heading's own
 * frame is pushed, so phase and section are those of the headings around it. Its body is read at the end.
 */
export function noteHeadingTask(node: Heading, text: string, state: WalkState): void {
  state.headingLines.push(lineOf(node));
  if (node.depth < 2 || insideHeading(state, 'example')) return;
  const heading = readHeadingTask(text);
  if (!heading) return;
  state.headingTasks.push({
    id: heading.id,
    idSource: 'explicit',
    title: heading.title,
    status: heading.status ?? 'open',
    // No box: write-back finds none on this line and leaves it alone (docs/write-back.md).
    marker: '',
    line: lineOf(node),
    phase: currentPhase(state),
    section: currentSection(state),
    parallel: heading.labels.includes('P'),
    story: heading.labels.find((label) => /^US\d+$/.test(label)) ?? null,
    files: [],
    dependsOn: readDependsOn(heading.title),
    requirements: readRequirements(heading.title),
    optional: false,
    parent: null,
    details: [],
    checklist: [],
    assignees: [],
  });
}

/** Lines from under the heading to the next heading, skipping fenced code. */
function bodyOf(task: Task, state: WalkState, lines: readonly string[]): string[] {
  const next = state.headingLines.find((line) => line > task.line) ?? lines.length + 1;
  let fenced = false;
  return lines.slice(task.line, next - 1).filter((line) => {
    if (/^\s{0,3}(?:`{3,}|~{3,})/u.test(line)) fenced = !fenced;
    return !fenced && !/^\s{0,3}(?:`{3,}|~{3,})/u.test(line);
  });
}

/** `**Files**:` with the paths on the same line, or in the bullets right under it. */
function readFilesField(body: readonly string[]): string[] {
  const files: string[] = [];
  body.forEach((line, index) => {
    const field = FILES_FIELD.exec(line);
    if (!field) return;
    const inline = readFiles(field[1]!);
    if (inline.length > 0) files.push(...inline);
    else
      for (const bullet of body.slice(index + 1)) {
        if (!BULLET_LINE.test(bullet)) break;
        files.push(...readFiles(bullet));
      }
  });
  return [...new Set(files)];
}

function fillFromBody(task: Task, body: readonly string[]): void {
  const status = body.map((line) => STATUS_FIELD.exec(line)?.[1]).find((value) => value !== undefined);
  const fromField = status === undefined ? null : readStatusValue(status);
  if (fromField) task.status = fromField;
  const depends = body.filter((line) => DEPENDS_FIELD.test(line));
  task.dependsOn = [...new Set([...task.dependsOn, ...readDependsOn(depends.join('\n'))])];
  task.files = readFilesField(body);
  task.requirements = [...new Set([...task.requirements, ...readRequirements(body.join('\n'))])];
}

/**
 * Tasks written as headings, read only when the document has no checkbox task with an ID: a file that
 * keeps its tasks as boxes and describes them under headings (`#### T001: …`) would count each twice.
 */
export function finishHeadingTasks(state: WalkState): Task[] {
  if (state.tasks.some((task) => task.idSource === 'explicit')) return [];
  const lines = state.text.split('\n');
  for (const task of state.headingTasks) fillFromBody(task, bodyOf(task, state, lines));
  return state.headingTasks;
}

/** Says that tasks came from headings or table rows, since they cannot be ticked when pull requests merge. */
export function boxlessTasksNotice(
  tasks: readonly Task[],
  code: 'heading-tasks' | 'table-tasks',
  where: string,
): Finding[] {
  const first = tasks[0];
  if (!first) return [];
  return [
    {
      code,
      severity: 'notice',
      line: first.line,
      message: `${tasks.length} tasks were read from ${where} (${first.id} on line ${first.line}, …). They have no checkbox, so spec-sync reports their status but cannot tick them when pull requests merge; write them as - [ ] ${first.id} … lines for that.`,
    },
  ];
}
