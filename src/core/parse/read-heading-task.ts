import type { TaskStatus } from '../model.js';
import { readStatusMarker } from './read-status-marker.js';
import { readLabels } from './read-task-line.js';

/** What a task heading (`### T001 [P] Title ✅`, `### Task 1.1: Title`) says; docs/formats.md, "Tasks written as headings". */
export interface HeadingTaskLine {
  id: string;
  labels: string[];
  title: string;
  /** `done` when the heading carries a ✅, else null (the lines under it may still say). */
  status: TaskStatus | null;
}

// The ID must end the word: `T001-T005` and `Task 1.1-1.4` are ranges (section titles), not tasks.
const HEADING_ID =
  /^(?:(T-?\d{3,}[a-z]?)|[Tt]ask[ \t]?(\d+(?:\.\d+)*))(?=[ \t]*(?:[:：]|\.(?![\d.])|\[|$)|[ \t]+(?!(?:[-–—]|\.\.|to\b)[ \t]*(?:T-?|[Tt]ask[ \t]?)?\d))/u;
const AFTER_ID = /^[ \t]*(?:[:：.]|[-–—](?=[ \t]))?[ \t]*/u;
const LEADING_DONE = /^[ \t]*(?:✅|✔️?)[ \t]*/u;
const TRAILING_DONE = /[ \t]*[-–—]?[ \t]*(?:✅|✔️?)(?:[ \t]*(?:COMPLETED?|DONE))?[ \t]*$/iu;

/** Reads a heading's text (markup removed) as a task heading, or null when it is not one. */
export function readHeadingTask(text: string): HeadingTaskLine | null {
  const match = HEADING_ID.exec(text);
  if (!match) return null;
  const id = match[1] ?? match[2]!;
  const { labels, rest } = readLabels(text.slice(match[0].length).replace(AFTER_ID, ''));
  const done = LEADING_DONE.test(rest) || TRAILING_DONE.test(rest);
  const title = rest.replace(LEADING_DONE, '').replace(TRAILING_DONE, '').trim();
  return { id, labels, title, status: done ? 'done' : null };
}

const STATUS_WORDS: [RegExp, TaskStatus][] = [
  [/^(?:completed?|done|finished)\b/iu, 'done'],
  [/^in[ _-]?progress\b/iu, 'in_progress'],
  [/^blocked\b/iu, 'blocked'],
  [/^(?:skipped|reverted|cancell?ed|canceled)\b/iu, 'skipped'],
  [/^(?:pending|not[ _-]started|todo|open)\b/iu, 'open'],
];

function readStatusWord(text: string): TaskStatus | null {
  return STATUS_WORDS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/**
 * The value of a `**Status**:` field: a known word wins (`[x] completed`, `COMPLETED (…)`, `pending`),
 * then the box before it (`[ ] deferred` is open, `[REVERTED]` skipped); null when neither says anything.
 */
export function readStatusValue(value: string): TaskStatus | null {
  const text = value.replace(/\*\*|__/g, '').trim();
  const box = /^\[([^\]\n]{0,12})\][ \t]*/u.exec(text);
  const word = readStatusWord(box ? text.slice(box[0].length) : text);
  if (word) return word;
  const reading = box ? readStatusMarker(box[1]!) : null;
  return reading?.kind === 'status' ? reading.status : null;
}
