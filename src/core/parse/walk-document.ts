import type { Code, Heading, Paragraph, Root, RootContent, Table } from 'mdast';
import type { Phase } from '../model.js';
import { classifyHeading, type HeadingClass } from './classify-heading.js';
import { noteHeadingTask } from './collect-heading-tasks.js';
import { collectList, isChecklistLabel } from './collect-list-items.js';
import { findTemplateLeftovers } from './find-template-leftovers.js';
import { lineOf, sourceOf } from './markdown-tree.js';
import { readTableTasks } from './read-table-tasks.js';
import { joinLines } from './read-task-line.js';
import { currentPhase, insideHeading, type WalkState } from './walk-state.js';

const CHECKPOINT = /^\s*(\*\*|__|\*|_)Checkpoint\s*(:?)\s*\1\s*(:?)\s*([\s\S]*)$/iu;

export function headingText(source: string): string {
  const first = source.split('\n')[0] ?? '';
  return first
    .replace(/^\s{0,3}#{1,6}\s*/, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/\*\*|__|`/g, '')
    .trim();
}

export function slugOf(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 60) || 'section';
}

function uniquePhaseId(base: string, phases: Phase[]): string {
  const taken = new Set(phases.map((phase) => phase.id));
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

function openPhase(state: WalkState, heading: HeadingClass, node: Heading): string | null {
  if (heading.kind !== 'phase') return null;
  if (['stop', 'dependencies', 'example'].some((kind) => insideHeading(state, kind as 'stop'))) return null;
  const base = heading.number !== null ? `phase-${heading.number.toLowerCase()}` : slugOf(heading.name);
  const id = uniquePhaseId(base, state.phases);
  state.phases.push({
    id,
    number: heading.number,
    name: heading.name,
    kind: heading.phaseKind,
    story: heading.story,
    line: lineOf(node),
    blockedBy: [],
    blockedBySource: 'none',
  });
  return id;
}

function visitHeading(node: Heading, state: WalkState): void {
  const source = sourceOf(state.text, node);
  const text = headingText(source);
  state.findings.push(...findTemplateLeftovers(source, lineOf(node)));
  if (node.depth === 1 && state.title === null) state.title = text;
  while ((state.headings.at(-1)?.depth ?? 0) >= node.depth) state.headings.pop();
  const heading = classifyHeading(text);
  if (heading.kind === 'task-heading') state.taskHeadings += 1;
  const phaseId = openPhase(state, heading, node);
  noteHeadingTask(node, text, state);
  state.headings.push({ depth: node.depth, text, heading, phaseId });
}

function visitParagraph(node: Paragraph, state: WalkState): void {
  const source = sourceOf(state.text, node);
  state.findings.push(...findTemplateLeftovers(source, lineOf(node)));
  const checkpoint = CHECKPOINT.exec(source);
  if (checkpoint && (checkpoint[2] || checkpoint[3])) {
    state.checkpoints.push({
      phase: currentPhase(state),
      line: lineOf(node),
      text: joinLines(checkpoint[4]!),
    });
  }
  if (insideHeading(state, 'dependencies')) state.statements.push({ text: source, line: lineOf(node) });
}

/** CommonMark lets a fence run to the end of the document; boxes swallowed that way deserve a warning. */
function visitCode(node: Code, state: WalkState): void {
  const lines = sourceOf(state.text, node).split('\n');
  const fence = /^\s*(`{3,}|~{3,})/.exec(lines[0] ?? '')?.[1];
  if (!fence) return;
  const closing = new RegExp(`^\\s{0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
  if (lines.length > 1 && closing.test(lines.at(-1)!)) return;
  const boxes = lines.filter((line) => /^\s*(?:[-*+]|\d+[.)])\s+\[[^\]\n]{0,12}\]/.test(line)).length;
  state.findings.push({
    code: 'unclosed-fence',
    severity: boxes > 0 ? 'warning' : 'notice',
    line: lineOf(node),
    message: `The code fence opened here is never closed, so the rest of its block is code${
      boxes > 0 ? `, including ${boxes} checkbox lines that are not read as tasks` : ''
    }. Close the fence with ${fence}.`,
  });
}

/**
 * Rows whose first cell is a task ID (`| T001 |`, `| ~~T001~~ |`), counted so a file whose only task-like
 * lines give no task is warned about; readTableTasks reads the rows of a table that states their status.
 */
function countTaskRows(node: Table, text: string): number {
  return node.children.filter((row) => {
    const first = row.children[0];
    return (
      first !== undefined &&
      /^\s*(?:~~)?T-?\d{3,}[a-z]?(?:~~)?\s*$/.test(sourceOf(text, first).replace(/^\|/, ''))
    );
  }).length;
}

function visitBlock(node: RootContent, previous: RootContent | undefined, state: WalkState): void {
  if (node.type === 'heading') visitHeading(node, state);
  else if (node.type === 'paragraph') visitParagraph(node, state);
  else if (node.type === 'code') visitCode(node, state);
  else if (node.type === 'html')
    state.findings.push(...findTemplateLeftovers(sourceOf(state.text, node), lineOf(node)));
  else if (node.type === 'list') {
    collectList(node, { parent: null, checklist: isChecklistLabel(state.text, previous) }, state);
  } else if (node.type === 'blockquote') visitBlocks(node.children, state);
  else if (node.type === 'table') {
    state.taskHeadings += countTaskRows(node, state.text);
    state.tableTasks.push(...readTableTasks(node, state));
  }
}

export function visitBlocks(nodes: RootContent[], state: WalkState): void {
  nodes.forEach((node, index) => {
    visitBlock(node, nodes[index - 1], state);
  });
}

export function walkDocument(tree: Root, state: WalkState): void {
  visitBlocks(tree.children, state);
}
