import { fitWithNote, MAX_ANNOTATIONS_PER_REQUEST, MAX_CHECK_OUTPUT_CHARS } from '../github-limits.js';

/** Fitting check output to GitHub's limits (github-limits.ts), re-exported for the check's modules. */
export {
  MAX_ANNOTATION_MESSAGE_CHARS,
  MAX_ANNOTATION_TITLE_CHARS,
  MAX_ANNOTATIONS_PER_REQUEST,
  MAX_CHECK_OUTPUT_CHARS,
  MAX_CHECK_TITLE_CHARS,
} from '../github-limits.js';

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
  return fitWithNote(text, max, '…');
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
  return fitWithNote(best, max, '\n\n… output cut at GitHub’s size limit');
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
