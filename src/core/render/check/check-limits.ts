/**
 * GitHub's limits on a check run's output. The REST docs for "Create a check run" say `output.summary` and
 * `output.text` take at most 65535 characters, an annotation's `message` at most 64 KB and its `title` 255
 * characters, and one request carries at most 50 annotations (more go in further "Update a check run" calls).
 * https://docs.github.com/en/rest/checks/runs#create-a-check-run
 */
export const MAX_CHECK_OUTPUT_CHARS = 65535;
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
export const MAX_ANNOTATION_MESSAGE_CHARS = 65535;
export const MAX_ANNOTATION_TITLE_CHARS = 255;
/** The check run `title` has no documented limit; a short one reads well in the checks list. */
export const MAX_CHECK_TITLE_CHARS = 1000;

/** A check run annotation in GitHub's shape. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  message: string;
  title?: string;
}

/** Annotations in batches GitHub accepts per request, in order. */
export function chunkAnnotations(annotations: readonly Annotation[]): Annotation[][] {
  const chunks: Annotation[][] = [];
  for (let start = 0; start < annotations.length; start += MAX_ANNOTATIONS_PER_REQUEST) {
    chunks.push(annotations.slice(start, start + MAX_ANNOTATIONS_PER_REQUEST));
  }
  return chunks;
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function hiddenNote(hidden: number): string {
  return `… ${hidden} more row${hidden === 1 ? '' : 's'} not shown`;
}

/**
 * The longest rendering that fits: `render(limit)` shows at most `limit` rows per list; a binary search finds
 * the largest limit within `max`, and a hard cut with a note is the last resort so the limit is never passed.
 */
export function fitRendering(
  render: (limit: number) => string,
  rows: number,
  max = MAX_CHECK_OUTPUT_CHARS,
): string {
  const full = render(rows);
  if (full.length <= max) return full;
  let low = 0;
  let high = rows;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (render(middle).length <= max) low = middle;
    else high = middle - 1;
  }
  const best = render(low);
  if (best.length <= max) return best;
  const note = '\n\n… output cut at GitHub’s size limit';
  return best.slice(0, max - note.length) + note;
}

/** The same annotations, in any order: a repeated report of one commit need not send them again. */
export function sameAnnotations(a: readonly Annotation[], b: readonly Annotation[]): boolean {
  if (a.length !== b.length) return false;
  const key = (annotation: Annotation) =>
    JSON.stringify([
      annotation.path,
      annotation.start_line,
      annotation.end_line,
      annotation.annotation_level,
      annotation.title ?? '',
      annotation.message,
    ]);
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((value, index) => value === right[index]);
}
