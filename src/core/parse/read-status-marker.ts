import type { TaskStatus } from '../model.js';
import { repairMojibake } from './repair-mojibake.js';

/**
 * Box contents and what they mean; docs/formats.md has the same table. Kiro's `[-]` is "in progress" and
 * its `[~]` "queued", which is still open work. Word states are matched without regard to case.
 */
const STATUS_BY_BOX: Record<string, TaskStatus> = {
  ' ': 'open',
  '': 'open',
  x: 'done',
  '-': 'in_progress',
  '~': 'open',
  '/': 'in_progress',
  b: 'blocked',
  '✅': 'done',
  '✔': 'done',
  '✔️': 'done',
  '🚧': 'in_progress',
  '❌': 'blocked',
  '⏭': 'skipped',
  '⏭️': 'skipped',
  // 🚧 shown through Mac Roman starts with U+F8FF, which many editors drop; what is left is still readable.
  üöß: 'in_progress',
  todo: 'open',
  doing: 'in_progress',
  done: 'done',
  blocked: 'blocked',
  skip: 'skipped',
  skipped: 'skipped',
  reverted: 'skipped',
  cancelled: 'skipped',
  canceled: 'skipped',
};

export type MarkerReading =
  | { kind: 'status'; status: TaskStatus; repaired: boolean }
  | { kind: 'damaged' }
  | { kind: 'unknown' };

function lookUp(box: string): TaskStatus | undefined {
  const key = box.trim() === '' ? ' ' : box.trim().toLowerCase();
  return STATUS_BY_BOX[key];
}

/** Reads a status box's content; `damaged` means encoding damage that could not be undone. */
export function readStatusMarker(box: string): MarkerReading {
  const direct = lookUp(box);
  if (direct) return { kind: 'status', status: direct, repaired: false };
  const repaired = repairMojibake(box);
  const fixed = repaired === null ? undefined : lookUp(repaired);
  if (fixed) return { kind: 'status', status: fixed, repaired: true };
  return looksDamaged(box) ? { kind: 'damaged' } : { kind: 'unknown' };
}

/** Latin-1 accents, Mac Roman symbols or C1 controls next to each other: what mis-decoded emoji look like. */
function looksDamaged(box: string): boolean {
  return /[\u0080-\u00ff\u2018-\u201e\u2020-\u2030\u2260-\u2265\uf8ff\u0152\u0153\u02c6-\u02dd\u220f-\u221e]{2,}/u.test(
    box,
  );
}
