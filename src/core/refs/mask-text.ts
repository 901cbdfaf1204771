/**
 * Blanks the parts of PR text a reader would not take as a task reference: code (fences and spans),
 * HTML comments, quoted lines and URLs. Blanked text becomes spaces so the words around it stay apart.
 */

const URL_PATTERN = /\bhttps?:\/\/\S+/g;
const FENCE_PATTERN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const QUOTE_PATTERN = /^ {0,3}>/;

interface OpenFence {
  char: string;
  length: number;
}

/** Masks a Markdown text and returns its lines; fenced and quoted lines come back empty. */
export function maskMarkdown(text: string): string[] {
  const lines = blankHtmlComments(text).split(/\r\n|\r|\n/);
  let fence: OpenFence | null = null;
  const out: string[] = [];
  for (const line of lines) {
    const mark = FENCE_PATTERN.exec(line);
    if (fence) {
      if (mark && closesFence(mark, fence)) fence = null;
      out.push('');
    } else if (mark && opensFence(mark)) {
      fence = { char: mark[1]!.charAt(0), length: mark[1]!.length };
      out.push('');
    } else {
      out.push(QUOTE_PATTERN.test(line) ? '' : maskLine(line));
    }
  }
  return out;
}

/** Masks one line of inline text (a title): code spans and URLs. */
export function maskLine(line: string): string {
  return blankCodeSpans(line).replace(URL_PATTERN, (url) => ' '.repeat(url.length));
}

// CommonMark: a backtick fence's info string may not contain a backtick, else the line is inline code.
function opensFence(mark: RegExpExecArray): boolean {
  return !(mark[1]!.startsWith('`') && mark[2]!.includes('`'));
}

function closesFence(mark: RegExpExecArray, fence: OpenFence): boolean {
  const run = mark[1]!;
  return run.charAt(0) === fence.char && run.length >= fence.length && mark[2]!.trim() === '';
}

// An unclosed comment hides the rest of the text, as GitHub renders it.
function blankHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => comment.replace(/[^\r\n]/g, ' '));
}

/** A code span runs from a backtick run to the next run of the same length; an unmatched run is literal. */
function blankCodeSpans(line: string): string {
  let out = '';
  let index = 0;
  while (index < line.length) {
    const open = line.indexOf('`', index);
    if (open < 0) break;
    const run = backtickRunAt(line, open);
    const close = findClosingRun(line, open + run.length, run.length);
    if (close < 0) {
      out += line.slice(index, open + run.length);
      index = open + run.length;
      continue;
    }
    out += line.slice(index, open) + ' '.repeat(close + run.length - open);
    index = close + run.length;
  }
  return out + line.slice(index);
}

// Sticky, so a long line is not copied once per backtick.
function backtickRunAt(line: string, at: number): string {
  const pattern = /`+/y;
  pattern.lastIndex = at;
  return pattern.exec(line)![0];
}

function findClosingRun(line: string, from: number, length: number): number {
  const pattern = /`+/g;
  pattern.lastIndex = from;
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    if (match[0].length === length) return match.index;
  }
  return -1;
}
