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

/** Box contents (trimmed, lower-cased as the parser reads words) that already mean a target status. */
const STATUS_OF_MARKER: ReadonlyMap<string, TargetStatus> = new Map([
  ['x', 'done'],
  ['✅', 'done'],
  ['done', 'done'],
  ['', 'open'],
  ['todo', 'open'],
  [SKIPPED_EMOJI, 'skipped'],
  ['\u23ed', 'skipped'],
  ['skip', 'skipped'],
  ['skipped', 'skipped'],
]);

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

/** The target status a box content already means, or null (`-`, `~`, `🚧`, `B`…: none of them). */
export function statusOfMarker(content: string): TargetStatus | null {
  return STATUS_OF_MARKER.get(content.trim().toLowerCase()) ?? null;
}
