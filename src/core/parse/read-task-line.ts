import type { TaskStatus } from '../model.js';
import { readStatusMarker } from './read-status-marker.js';

/** What the first paragraph of one list item says, read by the task-line grammar in docs/formats.md. */
export interface TaskLine {
  /** The box content as written (` `, `x`, `🚧`, `TODO`…). */
  marker: string;
  status: TaskStatus;
  /** `ok`, `malformed` (`- [ T024` without `]`), `damaged` (unreadable emoji), `unknown` (box we do not know). */
  markerState: 'ok' | 'malformed' | 'damaged' | 'unknown';
  optional: boolean;
  id: string | null;
  /** Bracketed and `(P)` markers right after the ID, without brackets (`P`, `US1`, `deps:T002`). */
  labels: string[];
  /** The text after box, ID and markers, lines joined by spaces. */
  rest: string;
}

const BULLET = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const BOX = /^\[([^\]\n]{0,12})\](\*)?(?=[ \t\n]|$)/;
const MALFORMED_BOX = /^\[[ \t]+(?=(?:\*\*)?T-?\d{3,}[a-z]?\b)/;
const ID =
  /^(?:\*\*)?(T\d{3,}[a-z]?|T-\d{3,}[a-z]?|Task-\d+|\d{1,3}\.(?:\d{1,3}(?:\.\d{1,3})*\.?)?)(?:\*\*)?(?::|(?=[ \t\n])|$)/;
const LABEL = /^[ \t]*(?:\[([^\]\s][^\]\n]{0,60})\]|\((P)\))(?=[ \t\n[]|$)/;

/** Joins a paragraph's source lines into one line of text. */
export function joinLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

const PLACEHOLDER_ID = /^(?:TXXX|Txxx|T###|T0NN|T<NNN>)(?=[ \t\n]|$)/;

function readId(text: string): { id: string | null; rest: string } {
  const placeholder = PLACEHOLDER_ID.exec(text);
  if (placeholder) return { id: null, rest: text.slice(placeholder[0].length) };
  const match = ID.exec(text);
  if (!match) return { id: null, rest: text };
  const id = match[1]!.replace(/\.$/, '');
  return { id, rest: text.slice(match[0].length) };
}

export function readLabels(text: string): { labels: string[]; rest: string } {
  const labels: string[] = [];
  let rest = text;
  for (let match = LABEL.exec(rest); match; match = LABEL.exec(rest)) {
    const label = (match[1] ?? match[2])!.trim();
    if (/\s/.test(label) && !/^deps:/i.test(label)) break;
    labels.push(label);
    rest = rest.slice(match[0].length);
  }
  return { labels, rest };
}

function readBox(
  text: string,
): { marker: string; optional: boolean; rest: string; malformed: boolean } | null {
  const malformed = MALFORMED_BOX.exec(text);
  if (malformed)
    return { marker: ' ', optional: false, rest: text.slice(malformed[0].length), malformed: true };
  const box = BOX.exec(text);
  if (!box) return null;
  return { marker: box[1]!, optional: box[2] === '*', rest: text.slice(box[0].length), malformed: false };
}

/**
 * Reads `- [x] T012 [P] [US1] Title` (and its relatives) from the source text of a list item's first
 * paragraph. Returns null when the item has no box at all, or only a bracketed word with no ID after it
 * (`- [P] tasks = …`, `- [Jest] + …`, links): those are not tasks.
 */
export function readTaskLine(source: string): TaskLine | null {
  const bullet = BULLET.exec(source);
  if (!bullet) return null;
  const box = readBox(source.slice(bullet[0].length));
  if (!box) return null;
  const { id, rest: afterId } = readId(box.rest.replace(/^[ \t]+/, ''));
  const reading = box.malformed ? null : readStatusMarker(box.marker);
  if (reading?.kind === 'unknown' && id === null) return null;
  const { labels, rest } = readLabels(afterId);
  const markerState = box.malformed ? 'malformed' : reading?.kind === 'status' ? 'ok' : reading!.kind;
  return {
    marker: box.marker,
    status: reading?.kind === 'status' ? reading.status : 'open',
    markerState,
    optional: box.optional,
    id,
    labels,
    rest: joinLines(rest),
  };
}
