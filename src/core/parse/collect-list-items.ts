import type { List, ListItem, Paragraph, RootContent } from 'mdast';
import type { Finding, Task } from '../model.js';
import { isStatusLegend } from './detect-legend.js';
import { findTemplateLeftovers } from './find-template-leftovers.js';
import { lineOf, sourceOf } from './markdown-tree.js';
import { readAssignees, withoutMentions } from './read-assignees.js';
import { readDependsOn, readFiles, readRequirements } from './read-task-fields.js';
import { joinLines, readTaskLine, type TaskLine } from './read-task-line.js';
import { currentPhase, currentSection, insideHeading, type WalkState } from './walk-state.js';

interface ItemContext {
  parent: Task | null;
  /** The list follows a label such as `**Acceptance Criteria**:`; its ID-less boxes are a checklist. */
  checklist: boolean;
}

const CHECKLIST_LABEL =
  /^\s*(?:\*\*|__|\*|_)?\s*(?:acceptance criteria|definition of done|checklist|verification|validation|tests?|done when|completion criteria|受け入れ基準|完了条件)\b[^\n]*[:：]\s*(?:\*\*|__|\*|_)?\s*$/iu;

export function isChecklistLabel(text: string, node: RootContent | undefined): boolean {
  return node?.type === 'paragraph' && CHECKLIST_LABEL.test(sourceOf(text, node));
}

/** The item's first line(s): from its bullet to the end of its first paragraph. */
function headOf(text: string, item: ListItem): string {
  const start = item.position?.start.offset ?? 0;
  const first = item.children[0];
  if (first?.type === 'paragraph') return text.slice(start, first.position?.end.offset ?? start);
  return sourceOf(text, item).split('\n')[0] ?? '';
}

function withoutBullet(head: string): string {
  return joinLines(head.replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/, ''));
}

function isTask(line: TaskLine, list: List, context: ItemContext, state: WalkState): boolean {
  if (insideHeading(state, 'example')) return false;
  if (line.id !== null) return true;
  if (context.parent || list.ordered || context.checklist) return false;
  if (state.headings.at(-1)?.heading.kind === 'task-heading') return false;
  return !(['stop', 'dependencies', 'checklist'] as const).some((kind) => insideHeading(state, kind));
}

function markerFinding(line: TaskLine, lineNumber: number): Finding | null {
  if (line.markerState === 'ok') return null;
  const box = line.markerState === 'malformed' ? `[${line.marker}` : `[${line.marker}]`;
  const what =
    line.markerState === 'malformed'
      ? 'has no closing ]'
      : line.markerState === 'damaged'
        ? 'looks like an emoji damaged by a wrong text encoding'
        : 'is not a status spec-sync knows';
  return {
    code: 'malformed-marker',
    severity: 'warning',
    line: lineNumber,
    message: `The status box ${box} ${what}; the task was read as open. Use [ ], [x] or a status from docs/formats.md.`,
  };
}

function cleanText(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/^\s*\|\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function buildTask(line: TaskLine, item: ListItem, state: WalkState): Task {
  const labels = line.labels;
  const title = withoutMentions(cleanText(line.rest));
  return {
    id: line.id ?? '',
    idSource: line.id ? 'explicit' : 'derived',
    title,
    status: line.status,
    marker: line.marker,
    line: lineOf(item),
    phase: currentPhase(state),
    section: currentSection(state),
    parallel: labels.some((label) => label === 'P'),
    story: labels.find((label) => /^US\d+$/.test(label)) ?? null,
    files: [],
    dependsOn: [],
    requirements: [],
    optional: line.optional,
    parent: null,
    details: [],
    checklist: [],
    assignees: [],
  };
}

/** Fields that may come from the task line or from its detail lines. */
function fillFields(task: Task, line: TaskLine): void {
  const labelText = line.labels.map((label) => `[${label}]`).join(' ');
  const all = [line.rest, ...task.details].join('\n');
  task.files = readFiles(all);
  task.dependsOn = readDependsOn(`${labelText.replace(/\[deps:/giu, '[depends on ')} ${all}`);
  task.requirements = readRequirements(`${labelText}\n${all}`);
  task.assignees = readAssignees(line.rest, task.details);
}

function visitChildren(item: ListItem, context: ItemContext, state: WalkState): void {
  item.children.forEach((child, index) => {
    if (index === 0 && child.type === 'paragraph') return;
    if (child.type === 'list') {
      const previous = item.children[index - 1];
      const checklist = context.checklist || isChecklistLabel(state.text, previous);
      collectList(child, { ...context, checklist }, state);
    } else if (child.type === 'paragraph' && context.parent) {
      context.parent.details.push(joinLines(sourceOf(state.text, child as Paragraph)));
    }
  });
}

function collectItem(item: ListItem, list: List, context: ItemContext, state: WalkState): void {
  const head = headOf(state.text, item);
  state.findings.push(...findTemplateLeftovers(head, lineOf(item)));
  const line = readTaskLine(head);
  if (line && line.id === null && context.parent && !insideHeading(state, 'example')) {
    // An ID-less box under a task keeps its own status as an item of that task's checklist.
    const text = cleanText(line.rest);
    context.parent.checklist.push({ text, status: line.status, marker: line.marker, line: lineOf(item) });
    visitChildren(item, context, state);
    return;
  }
  if (!line || !isTask(line, list, context, state)) {
    if (context.parent) context.parent.details.push(withoutBullet(head));
    else if (insideHeading(state, 'dependencies')) state.statements.push({ text: head, line: lineOf(item) });
    visitChildren(item, context, state);
    return;
  }
  const task = buildTask(line, item, state);
  const finding = markerFinding(line, task.line);
  if (finding) state.findings.push(finding);
  if (context.parent) state.parents.set(task, context.parent);
  state.tasks.push(task);
  visitChildren(item, { parent: task, checklist: false }, state);
  fillFields(task, line);
}

export function collectList(list: List, context: ItemContext, state: WalkState): void {
  if (isStatusLegend(list, state.text)) return;
  for (const item of list.children) collectItem(item, list, context, state);
}
