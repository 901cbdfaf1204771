import type { Table, TableRow } from 'mdast';
import type { Task, TaskStatus } from '../model.js';
import { lineOf, sourceOf } from './markdown-tree.js';
import { readAssignees } from './read-assignees.js';
import { readStatusValue } from './read-heading-task.js';
import { readDependsOn, readFiles, readRequirements } from './read-task-fields.js';
import { readLabels } from './read-task-line.js';
import { currentPhase, currentSection, type WalkState } from './walk-state.js';

const TASK_ID = /^(T-?\d{3,}[a-z]?|Task-\d+|\d{1,3}(?:\.\d{1,3})+)$/u;
const STRUCK = /^~~([\s\S]*?)~~/u;

/** Which column holds what, found from the header row (docs/formats.md, "Tasks in tables"). */
interface Columns {
  id: number;
  status: number | null;
  title: number | null;
  depends: number | null;
  parallel: number | null;
  owner: number | null;
}

const HEADERS: [keyof Columns, RegExp][] = [
  ['id', /^(?:id|task(?: id)?|#|tarefa|tarea|aufgabe)$/iu],
  ['status', /^(?:status|state|estado|situação|situacao|done|progress)$/iu],
  ['depends', /depend|blocked by|requires|deps/iu],
  ['parallel', /^(?:parallel|paralleli[sz]able|paraleliz[aá]vel|\[?p\]?)$/iu],
  ['owner', /^(?:owner|assignee|assigned to|responsável|responsavel)$/iu],
  ['title', /^(?:description|descrição|descripción|title|task name|name|summary|what|título|titulo)$/iu],
];

function cellText(text: string, row: TableRow, index: number | null): string {
  if (index === null) return '';
  const cell = row.children[index];
  return cell ? sourceOf(text, cell).replace(/^\|/u, '').replace(/\|$/u, '').trim() : '';
}

function findColumns(text: string, header: TableRow): Columns | null {
  const names = header.children.map((_cell, index) => cellText(text, header, index).replace(/\*\*|__/gu, ''));
  const found = (key: keyof Columns): number | null => {
    const pattern = HEADERS.find(([name]) => name === key)![1];
    const index = names.findIndex((name) => pattern.test(name));
    return index === -1 ? null : index;
  };
  const id = found('id');
  if (id === null) return null;
  return {
    id,
    status: found('status'),
    // Without a named description column, the one after the ID is the title.
    title: found('title') ?? (id + 1 < header.children.length ? id + 1 : null),
    depends: found('depends'),
    parallel: found('parallel'),
    owner: found('owner'),
  };
}

/** The status a row states: its status cell, else strikethrough (`~~T001~~` done, `~~the work~~ — resolved` skipped). */
function rowStatus(idCell: string, titleCell: string, statusCell: string): TaskStatus | null {
  if (statusCell !== '') return readStatusValue(statusCell);
  if (STRUCK.test(idCell)) return 'done';
  if (STRUCK.test(titleCell)) return 'skipped';
  return null;
}

function readOwnerCell(cell: string): string[] {
  return cell === '' ? [] : readAssignees('', [`Owner: ${cell}`]);
}

function rowTask(text: string, row: TableRow, columns: Columns, state: WalkState): Task | null {
  const idCell = cellText(text, row, columns.id);
  const id = idCell.replace(/~~|\*\*|__|`/gu, '').trim();
  if (!TASK_ID.test(id)) return null;
  const titleCell = cellText(text, row, columns.title);
  const statusCell = cellText(text, row, columns.status);
  const { labels } = readLabels(statusCell.replace(/^\[[^\]\n]{0,12}\][ \t]*/u, ''));
  const parallelCell = cellText(text, row, columns.parallel);
  const dependsCell = cellText(text, row, columns.depends);
  return {
    id,
    idSource: 'explicit',
    title: titleCell.replace(/~~/gu, '').replace(/\s+/gu, ' ').trim(),
    status: rowStatus(idCell, titleCell, statusCell) ?? 'open',
    // No box: write-back finds none on this line and leaves it alone (docs/write-back.md).
    marker: '',
    line: lineOf(row),
    phase: currentPhase(state),
    section: currentSection(state),
    parallel: labels.includes('P') || /^(?:\[P\]|P|yes|sim|sí|✓|x)$/iu.test(parallelCell),
    story: labels.find((label) => /^US\d+$/u.test(label)) ?? null,
    files: readFiles(titleCell),
    dependsOn: readDependsOn(`depends on ${dependsCell.replace(/[—–]\s*$/u, '')}`),
    requirements: readRequirements(titleCell),
    optional: false,
    parent: null,
    details: [],
    checklist: [],
    assignees: readOwnerCell(cellText(text, row, columns.owner)),
  };
}

/**
 * Rows of a table that has an ID column and says each row's status (a status column, or strikethrough
 * on the ID as some teams mark done work). Kept aside: they become tasks only when the document has no
 * checkbox task with an ID, so a table summing up the boxes below it does not count every task twice;
 * a task that also has its own heading is read from the heading.
 */
export function readTableTasks(node: Table, state: WalkState): Task[] {
  const [header, ...rows] = node.children;
  if (!header) return [];
  const columns = findColumns(state.text, header);
  if (columns === null) return [];
  const stated =
    columns.status !== null || rows.some((row) => STRUCK.test(cellText(state.text, row, columns.id)));
  if (!stated) return [];
  return rows.map((row) => rowTask(state.text, row, columns, state)).filter((task) => task !== null);
}
