/** A piece of Markdown that is code (a fenced block or an inline code span, markers included) or prose. */
export interface Segment {
  text: string;
  code: boolean;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Splits Markdown into code and prose, in order, so text rules apply to prose only. Linear in the text's
 * length: each backtick run is paired with the next run of its length by a pointer that only moves on.
 */
export function splitCode(markdown: string): Segment[] {
  const segments: Segment[] = [];
  const lines = markdown.split(/(?<=\n)/);
  let prose = '';
  let fence: { char: string; length: number } | null = null;
  for (const line of lines) {
    const mark = FENCE.exec(line.replace(/\r?\n$/, ''));
    if (fence) {
      push(segments, line, true);
      if (mark && mark[1]!.charAt(0) === fence.char && mark[1]!.length >= fence.length && !mark[2]!.trim())
        fence = null;
    } else if (mark && !(mark[1]!.startsWith('`') && mark[2]!.includes('`'))) {
      splitSpans(prose, segments);
      prose = '';
      fence = { char: mark[1]!.charAt(0), length: mark[1]!.length };
      push(segments, line, true);
    } else {
      prose += line;
    }
  }
  splitSpans(prose, segments);
  return segments;
}

interface Run {
  at: number;
  length: number;
}

/** Splits one piece of inline text (a title, a paragraph) at its code spans only. */
export function splitCodeSpans(text: string): Segment[] {
  const segments: Segment[] = [];
  splitSpans(text, segments);
  return segments;
}

function splitSpans(text: string, segments: Segment[]): void {
  const runs: Run[] = [...text.matchAll(/`+/g)].map((match) => ({
    at: match.index,
    length: match[0].length,
  }));
  const byLength = new Map<number, { indexes: number[]; next: number }>();
  runs.forEach((run, index) => {
    const entry = byLength.get(run.length) ?? { indexes: [], next: 0 };
    entry.indexes.push(index);
    byLength.set(run.length, entry);
  });
  let from = 0;
  for (let index = 0; index < runs.length; index += 1) {
    const run = runs[index]!;
    const same = byLength.get(run.length)!;
    while (same.next < same.indexes.length && same.indexes[same.next]! <= index) same.next += 1;
    const close = same.indexes[same.next];
    if (close === undefined) continue;
    same.next += 1;
    const end = runs[close]!.at + run.length;
    push(segments, text.slice(from, run.at), false);
    push(segments, text.slice(run.at, end), true);
    from = end;
    index = close;
  }
  push(segments, text.slice(from), false);
}

function push(segments: Segment[], text: string, code: boolean): void {
  if (text === '') return;
  const last = segments.at(-1);
  if (last && last.code === code) last.text += text;
  else segments.push({ text, code });
}
