import { readStatusMarker } from '../parse/read-status-marker.js';

/** Box contents spec-sync writes, chosen to match what the file already uses (docs/write-back.md). */

export type TargetStatus = 'done' | 'open' | 'skipped';

/** `plain`: GFM boxes (`x` or `X` for done); `emoji`: ✅/🚧/❌/⏭️ boxes; `word`: `[TODO]`/`[DONE]` boxes. */
export type MarkerStyle = 'plain-lower' | 'plain-upper' | 'emoji' | 'word';

/** U+23ED U+FE0F: the emoji form, as status-marker workflows write it. */
export const SKIPPED_EMOJI = '\u23ed\ufe0f';

const MARKERS: Record<MarkerStyle, Record<TargetStatus, string>> = {
  'plain-lower': { done: 'x', open: ' ', skipped: SKIPPED_EMOJI },
  'plain-upper': { done: 'X', open: ' ', skipped: SKIPPED_EMOJI },
  emoji: { done: '✅', open: ' ', skipped: SKIPPED_EMOJI },
  word: { done: 'DONE', open: 'TODO', skipped: 'SKIPPED' },
};

const EMOJI_MARKS = ['✅', '🚧', '❌', '\u23ed'];
const WORD_MARKERS = new Set(['TODO', 'DOING', 'DONE']);

/** The file's style, read from the markers its tasks carry (never from the raw text). */
export function detectMarkerStyle(markers: readonly string[]): MarkerStyle {
  if (markers.some((marker) => EMOJI_MARKS.some((mark) => marker.includes(mark)))) return 'emoji';
  if (markers.some((marker) => WORD_MARKERS.has(marker.trim().toUpperCase()))) return 'word';
  const upper = markers.filter((marker) => marker === 'X').length;
  const lower = markers.filter((marker) => marker === 'x').length;
  return upper > lower ? 'plain-upper' : 'plain-lower';
}

export function markerFor(style: MarkerStyle, status: TargetStatus): string {
  return MARKERS[style][status];
}

/**
 * The target status a box content already means, by the parser's own table (one box→status table for
 * reading and writing), or null: in progress and blocked (`-`, `🚧`, `B`…) are none of the targets, and a
 * box whose encoding had to be repaired is rewritten.
 */
export function statusOfMarker(content: string): TargetStatus | null {
  const reading = readStatusMarker(content);
  if (reading.kind !== 'status' || reading.repaired) return null;
  const { status } = reading;
  return status === 'done' || status === 'open' || status === 'skipped' ? status : null;
}
