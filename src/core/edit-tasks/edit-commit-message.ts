import type { TargetStatus } from './edit-markers.js';

/** More IDs than this are cut to the first ones and a count, to keep the commit subject short. */
export const MAX_IDS_IN_COMMIT_MESSAGE = 10;
/** A contiguous run of at least this many spec-kit IDs is written as a range (`T001–T040`). */
const MIN_RANGE_LENGTH = 3;

/**
 * The commit subject for a status write-back: `Mark T012, T013 done (#45)`, `Mark T012 open`,
 * `Mark T001–T040 done (#45)`, `Mark T001, T003, … and 30 more skipped`.
 */
export function describeTickCommit(
  ids: readonly string[],
  prNumber?: number,
  status: TargetStatus = 'done',
): string {
  const unique = [...new Set(ids)];
  const suffix = prNumber === undefined ? '' : ` (#${prNumber})`;
  if (unique.length === 0) return `Update task statuses${suffix}`;
  return `Mark ${describeIds(unique)} ${status}${suffix}`;
}

function describeIds(ids: string[]): string {
  const range = asRange(ids);
  if (range) return range;
  if (ids.length <= MAX_IDS_IN_COMMIT_MESSAGE) return ids.join(', ');
  const shown = ids.slice(0, MAX_IDS_IN_COMMIT_MESSAGE).join(', ');
  return `${shown} and ${ids.length - MAX_IDS_IN_COMMIT_MESSAGE} more`;
}

/** `T001–T040` when the IDs are plain spec-kit IDs forming one gap-free run, else null. */
function asRange(ids: string[]): string | null {
  if (ids.length < MIN_RANGE_LENGTH || !ids.every((id) => /^T\d+$/.test(id))) return null;
  const sorted = [...ids].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const gapFree = sorted.every(
    (id, index) => index === 0 || Number(id.slice(1)) === Number(sorted[index - 1]!.slice(1)) + 1,
  );
  return gapFree ? `${sorted[0]}–${sorted[sorted.length - 1]}` : null;
}
