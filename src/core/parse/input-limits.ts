import type { Finding } from '../model.js';
import { MAX_TEXT_LENGTH } from './prepare-text.js';

/**
 * Bounds checked before a tasks.md reaches the Markdown parser. remark's work grows faster than the text
 * for deep nesting (`- - - … [ ] T001`, `>>>>…`: quadratic, then a stack overflow) and for long runs of
 * inline markers (`[` × 200,000); each bound sits far above any hand-kept task list.
 */
export interface InputLimits {
  /** Characters in the file. */
  maxLength: number;
  /** Characters on one line: GitHub's contents API inlines files only up to 1 MB, so no longer line is real. */
  maxLineLength: number;
  /** Block quotes and list items opened on one line (`> - 1. [ ] T001` is 3). */
  maxNestingDepth: number;
  /** Inline markers (`[ ] * _ ~ \` <`) in one paragraph (or list item, or table row). */
  maxInlineMarks: number;
}

export const INPUT_LIMITS: InputLimits = {
  maxLength: MAX_TEXT_LENGTH,
  maxLineLength: 1_048_576,
  maxNestingDepth: 16,
  maxInlineMarks: 1_000,
};

/**
 * A file over a limit gets a `too-large` error finding, the code every reader of the parser's output already
 * takes as "nothing was read" (the check run fails, a sync stops); `limit` says which bound it broke.
 */
export interface InputLimitBreach {
  limit: keyof InputLimits;
  finding: Finding;
}

const SPACE = new Set([' ', '\t']);
const BULLETS = new Set(['-', '*', '+']);
const INLINE_MARKS = new Set(['[', ']', '*', '_', '~', '`', '<']);

/** The first bound the text breaks, as an error finding, or null when the parser may read it. */
export function checkInputLimits(text: string, name: string, limits = INPUT_LIMITS): InputLimitBreach | null {
  if (text.length > limits.maxLength)
    return refuse(
      'maxLength',
      1,
      `${name} is too large to read: ${count(text.length)} characters`,
      limits.maxLength,
    );
  let marks = 0;
  let lineNumber = 0;
  let fence: string | null = null;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    lineNumber += 1;
    const opened = openedBlocks(text, start, end);
    const found = checkLine(end - start, fence ? 0 : opened.depth, lineNumber, name, limits);
    if (found) return found;
    // Code is not parsed for inline marks or nesting: a fenced JSON sample is not a paragraph of brackets.
    const mark = fenceAt(text, opened.contentStart, end);
    const inCode = fence !== null || mark !== null;
    fence = fenceAfter(fence, mark);
    if (opened.startsBlock || inCode) marks = 0;
    if (!inCode) marks += inlineMarks(text, opened.contentStart, end);
    if (marks > limits.maxInlineMarks)
      return refuse(
        'maxInlineMarks',
        lineNumber,
        `${name} has too many brackets or emphasis marks in one paragraph to read: ${count(marks)} by line ${lineNumber}`,
        limits.maxInlineMarks,
      );
    start = end + 1;
  }
  return null;
}

function checkLine(
  length: number,
  depth: number,
  lineNumber: number,
  name: string,
  limits: InputLimits,
): InputLimitBreach | null {
  if (depth > limits.maxNestingDepth)
    return refuse(
      'maxNestingDepth',
      lineNumber,
      `${name} is too deeply nested to read: ${count(depth)} levels on line ${lineNumber}`,
      limits.maxNestingDepth,
    );
  if (length > limits.maxLineLength)
    return refuse(
      'maxLineLength',
      lineNumber,
      `${name} has a line too long to read: ${count(length)} characters on line ${lineNumber}`,
      limits.maxLineLength,
    );
  return null;
}

interface OpenedBlocks {
  /** Quotes and list items the line opens. */
  depth: number;
  /** Where the line's inline text starts. */
  contentStart: number;
  /** A blank line, heading, table row or new item ends the inline scope before it (a paragraph, a cell). */
  startsBlock: boolean;
}

function openedBlocks(text: string, start: number, end: number): OpenedBlocks {
  let depth = 0;
  let at = start;
  for (;;) {
    while (at < end && SPACE.has(text[at]!)) at += 1;
    const marker = markerLength(text, at, end);
    if (marker === 0) break;
    depth += 1;
    at += marker;
  }
  const blank = at >= end || text[at] === '\r';
  return { depth, contentStart: at, startsBlock: depth > 0 || blank || text[at] === '#' || text[at] === '|' };
}

/** Length of a block-quote or list-item marker at `at`, or 0. */
function markerLength(text: string, at: number, end: number): number {
  const char = text[at];
  if (char === '>') return 1;
  const followedBySpace = (after: number) => after >= end || SPACE.has(text[after]!) || text[after] === '\r';
  if (char !== undefined && BULLETS.has(char)) return followedBySpace(at + 1) ? 1 : 0;
  let digits = at;
  while (digits < end && digits - at < 9 && text[digits]! >= '0' && text[digits]! <= '9') digits += 1;
  if (digits === at || (text[digits] !== '.' && text[digits] !== ')')) return 0;
  return followedBySpace(digits + 1) ? digits + 1 - at : 0;
}

/** The fence run (```` ``` ````, `~~~`…) a line starts with, or null. */
function fenceAt(text: string, at: number, end: number): string | null {
  const char = text[at];
  if (char !== '`' && char !== '~') return null;
  let after = at;
  while (after < end && text[after] === char) after += 1;
  return after - at >= 3 ? text.slice(at, after) : null;
}

/** The fence open after a line: a run at least as long of the same character closes it. */
function fenceAfter(open: string | null, mark: string | null): string | null {
  if (open === null) return mark;
  return mark?.startsWith(open) ? null : open;
}

function inlineMarks(text: string, start: number, end: number): number {
  let marks = 0;
  for (let at = start; at < end; at += 1) if (INLINE_MARKS.has(text[at]!)) marks += 1;
  return marks;
}

function refuse(limit: keyof InputLimits, line: number, problem: string, value: number): InputLimitBreach {
  const message = `${problem}, limit ${count(value)}. Nothing was read from it; bring it within the limit.`;
  return { limit, finding: { code: 'too-large', severity: 'error', line, message } };
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
