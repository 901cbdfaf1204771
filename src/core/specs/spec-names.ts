import { createHash } from 'node:crypto';
import { MAX_LABEL_NAME_LENGTH } from '../render/github-limits.js';

/** Check-run names are shown in one line of the checks list; longer names are cut (with a hash). */
export const MAX_CHECK_NAME_LENGTH = 100;
/** Git allows long ref names, but a branch segment this long is already unreadable in every list. */
export const MAX_BRANCH_SEGMENT_LENGTH = 100;

const HASH_LENGTH = 8;
const CUT_MARK = '…';

// The issue listing's `labels=` filter splits on commas, so `spec:a,b` would match neither `a` nor `b`'s
// issues (and every push would create them again). Control characters are never meant.
const LABEL_UNSAFE = /[,\p{Cc}]/gu;
const CONTROL = /\p{Cc}/gu;
// git check-ref-format: no blanks, `~ ^ : ? * [ \`, control characters, `..`, `@{`, empty parts,
// parts starting with `.`, a trailing `.` or `.lock`.
const BRANCH_UNSAFE = /[\s~^:?*[\\\p{Cc}]|\.{2,}|@\{|\/{2,}|\.lock$|(?<=\/)\./gu;
// A branch may not start with `-` (git reads it as an option) nor end with `.` or `/`.
const BRANCH_ENDS = /^[-./]+|[-./]+$/g;

/**
 * A spec's label from the configured pattern (`spec:{spec}`). A name GitHub would split or refuse is made
 * safe, and then carries a hash of the name as written, so `specs/a,b` and `specs/a-b` keep two labels;
 * a name that needed no change is kept exactly (existing labels stay).
 */
export function specLabelName(specName: string, pattern = 'spec:{spec}'): string {
  const raw = pattern.replaceAll('{spec}', specName);
  return fitWithHash(raw.replace(LABEL_UNSAFE, '-').trim(), raw, MAX_LABEL_NAME_LENGTH);
}

/** The check run of a spec: `spec-sync: 002-billing`, on one line and within its length. */
export function specCheckName(specName: string): string {
  const raw = `spec-sync: ${specName}`;
  return fitWithHash(raw.replace(CONTROL, ' '), raw, MAX_CHECK_NAME_LENGTH);
}

/** A spec's name as a valid branch name part (`feature/{spec}`), with a hash when it had to change. */
export function specBranchSegment(specName: string): string {
  const cleaned =
    specName.replace(BRANCH_UNSAFE, '-').replace(/-{2,}/g, '-').replace(BRANCH_ENDS, '') || 'spec';
  return fitWithHash(cleaned, specName, MAX_BRANCH_SEGMENT_LENGTH, '-');
}

/**
 * `clean` when it is what was written and fits; else its start and a hash of what was written, so two
 * originals that clean to the same text stay apart and the result is always within `max` characters.
 */
function fitWithHash(clean: string, raw: string, max: number, mark = CUT_MARK): string {
  const chars = Array.from(clean);
  if (clean === raw && chars.length <= max) return clean;
  const hash = createHash('sha256').update(raw, 'utf8').digest('hex').slice(0, HASH_LENGTH);
  return `${chars.slice(0, max - HASH_LENGTH - mark.length).join('')}${mark}${hash}`;
}
