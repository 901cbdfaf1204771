import type { Task } from '../model.js';
import { findLineStarts, lineAt } from './edit-lines.js';
import {
  detectMarkerStyle,
  type MarkerStyle,
  markerFor,
  statusOfMarker,
  type TargetStatus,
} from './edit-markers.js';

export { describeTickCommit } from './edit-commit-message.js';
export type { TargetStatus } from './edit-markers.js';

export interface TaskStatusChange {
  id: string;
  status: TargetStatus;
  /** Why (for a skip); not written into tasks.md, which only ever gets its boxes changed. */
  reason?: string;
}

export interface TaskStatusEdit {
  /** The new file text: the input with only box contents replaced. */
  text: string;
  /** IDs whose box was changed, in the order of the changes. */
  changed: string[];
  /** IDs no task has. */
  missing: string[];
  /** Tasks left alone because the file no longer matches what was parsed. */
  conflicts: { id: string; reason: string }[];
}

interface Splice {
  offset: number;
  length: number;
  text: string;
}

type Step = { kind: 'edit'; splice: Splice } | { kind: 'same' } | { kind: 'conflict'; reason: string };

const BYTE_ORDER_MARK = '\ufeff';
// The list item's box: bullet or ordered number (maybe inside a block quote), spaces, `[content]`.
// Content is short and holds no `[`, as the parser reads it: `- [ T024 [P] …` has no box to set.
// Tasks written as headings (`### T001 …`) have no box; their line is never edited (docs/formats.md).
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const BOX = /^([ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[([^[\]\r\n]{0,12})\](?=[ \t*]|$)/;

/**
 * Sets task boxes in the user's own text, by position (docs/write-back.md): each task's line must still
 * hold the marker the parser saw, and only the characters between `[` and `]` change. A BOM and the
 * file's line endings are kept; applying the same changes again changes nothing.
 */
export function setTaskStatuses(
  text: string,
  tasks: readonly Task[],
  changes: readonly TaskStatusChange[],
): TaskStatusEdit {
  const bom = text.startsWith(BYTE_ORDER_MARK) ? BYTE_ORDER_MARK : '';
  const body = text.slice(bom.length);
  const starts = findLineStarts(body);
  const style = detectMarkerStyle(tasks.map((task) => task.marker));
  const result: TaskStatusEdit = { text, changed: [], missing: [], conflicts: [] };
  const splices: Splice[] = [];
  for (const change of lastChangePerId(changes)) {
    const matches = tasks.filter((task) => task.id === change.id);
    if (matches.length === 0) {
      result.missing.push(change.id);
      continue;
    }
    const step =
      matches.length > 1 ? duplicateConflict(matches) : planStep(body, starts, matches[0]!, change, style);
    if (step.kind === 'conflict') result.conflicts.push({ id: change.id, reason: step.reason });
    if (step.kind === 'edit') {
      splices.push(step.splice);
      result.changed.push(change.id);
    }
  }
  return { ...result, text: bom + applySplices(body, splices) };
}

function planStep(
  body: string,
  starts: readonly number[],
  task: Task,
  change: TaskStatusChange,
  style: MarkerStyle,
): Step {
  const line = lineAt(body, starts, task.line);
  if (!line) return { kind: 'conflict', reason: `line ${task.line} is past the end of the file` };
  const box = BOX.exec(line.text);
  if (!box && HEADING.test(line.text)) return { kind: 'conflict', reason: headingReason(task) };
  if (!box) return { kind: 'conflict', reason: `line ${task.line} has no complete checkbox to set` };
  const content = box[2]!;
  if (content.trim() !== task.marker.trim()) {
    // Someone (or an earlier run) already wrote the wanted state: nothing to do, nothing to report.
    if (statusOfMarker(content) === change.status) return { kind: 'same' };
    return {
      kind: 'conflict',
      reason: `line ${task.line} reads [${content}], not [${task.marker}]: the file changed since it was read`,
    };
  }
  if (task.status === change.status || statusOfMarker(content) === change.status) return { kind: 'same' };
  const offset = line.start + box[1]!.length + 1;
  return { kind: 'edit', splice: { offset, length: content.length, text: markerFor(style, change.status) } };
}

function headingReason(task: Task): string {
  return `line ${task.line} is a heading, not a checkbox: tasks written as headings are read-only, so change their status in the file by hand`;
}

function duplicateConflict(matches: Task[]): Step {
  const lines = matches.map((task) => task.line).join(', ');
  return {
    kind: 'conflict',
    reason: `the ID is on several lines (${lines}); rename one so the right box can be set`,
  };
}

function lastChangePerId(changes: readonly TaskStatusChange[]): TaskStatusChange[] {
  const byId = new Map<string, TaskStatusChange>();
  for (const change of changes) {
    byId.delete(change.id);
    byId.set(change.id, change);
  }
  return [...byId.values()];
}

function applySplices(body: string, splices: Splice[]): string {
  let out = body;
  for (const splice of [...splices].sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, splice.offset) + splice.text + out.slice(splice.offset + splice.length);
  }
  return out;
}
