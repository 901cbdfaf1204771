import type { ReferenceBudget } from './reference-budget.js';
import { MAX_RANGE_IDS } from './task-reference.js';

/** One reference as found in a line, before intent is decided. */
export interface RefToken {
  raw: string;
  start: number;
  end: number;
  spec: string | null;
  /** Task IDs the token names (several for a range), empty for an issue reference. */
  ids: string[];
  issueNumber: number | null;
}

// A qualifier is a spec name or path before `/` or `#`; it may not itself be a task ID (`T012/T013` is a list).
const QUALIFIER = String.raw`(?!T\d{3,}[a-z]?[/#])(?![\d.]+[/#])(?<qual>[\w.][\w.-]*(?:/[\w.-]+)*)(?<sep>[/#])`;
const TASK_ID = String.raw`(?<tid>T\d{3,}[a-z]?)(?:[ \t]*(?:–|—|-|\.\.)[ \t]*(?<tend>T\d{3,}[a-z]?))?`;
// Not inside a word or path; after `/` only in a list of IDs (`T012/T013`), so a path is read once, from its start.
const LEFT_EDGE = String.raw`(?<![\w.#&-])(?<!(?<!T\d{3,}[a-z]?)/)`;
const TOKEN = new RegExp(
  String.raw`${LEFT_EDGE}(?:${QUALIFIER})?(?:${TASK_ID}|(?<num>\d+(?:\.\d+)*)|#(?<issue>\d+))(?!\w|\.\d)`,
  'g',
);
const BRANCH_ID = /(?:^|[^a-z0-9])(t\d{3,}[a-z]?)(?![a-z0-9])/gi;

/**
 * Finds the references in one line of masked text (title, body or commit message). Each reference takes
 * its IDs from the budget before a range is expanded, so the work stays linear in the text's length.
 */
export function scanTokens(
  line: string,
  repository: string | undefined,
  budget: ReferenceBudget,
): RefToken[] {
  const tokens: RefToken[] = [];
  for (const match of line.matchAll(TOKEN)) {
    const token = toToken(match, repository);
    if (token && budget.take(token.raw, idCount(token))) tokens.push(expand(token));
  }
  return tokens;
}

function idCount(token: RefToken): number {
  return token.ids.length + (token.issueNumber === null ? 0 : 1);
}

// A range is kept as its two ends until the budget has room for it.
interface PendingToken extends RefToken {
  range: { first: string; last: string } | null;
}

function expand(token: PendingToken): RefToken {
  const { range, ...rest } = token;
  return range ? { ...rest, ids: expandRange(range.first, range.last) } : rest;
}

/** Task IDs in a branch name (`feature/T012-user-model`, `t012-user-model`), normalised to `T012`. */
export function scanBranch(branch: string, budget: ReferenceBudget): { raw: string; id: string }[] {
  const found: { raw: string; id: string }[] = [];
  for (const match of branch.matchAll(BRANCH_ID)) {
    const raw = match[1]!;
    if (budget.take(raw, 1)) found.push({ raw, id: `T${raw.slice(1).toLowerCase()}` });
  }
  return found;
}

/** The token with `ids` sized but, for a range, not yet filled: only `ids.length` is meaningful then. */
function toToken(match: RegExpExecArray, repository: string | undefined): PendingToken | null {
  const groups = match.groups ?? {};
  const base = { raw: match[0], start: match.index, end: match.index + match[0].length, range: null };
  const qual = groups.qual ?? null;
  if (groups.tid) {
    if (!groups.tend) return { ...base, spec: qual, ids: [groups.tid], issueNumber: null };
    const size = rangeSize(groups.tid, groups.tend);
    const range = { first: groups.tid, last: groups.tend };
    return size > 0 ? { ...base, spec: qual, ids: new Array<string>(size), issueNumber: null, range } : null;
  }
  if (groups.issue) return { ...base, spec: null, ids: [], issueNumber: Number(groups.issue) };
  if (!qual || !groups.num) return null;
  const token = numberToken(base, qual, groups.sep!, groups.num, repository);
  return token ? { ...token, range: null } : null;
}

/**
 * `owner/repo#12` is an issue (kept only for this repository); otherwise a number after a qualifier is a
 * Kiro ID. After `/` it must be dotted (`auth/2.3`), so paths such as `api/v1/2` are not read as tasks.
 */
function numberToken(
  base: Pick<RefToken, 'raw' | 'start' | 'end'>,
  qual: string,
  sep: string,
  num: string,
  repository: string | undefined,
): RefToken | null {
  const dotted = num.includes('.');
  if (sep === '#' && !dotted && isRepositoryName(qual)) {
    const same = repository !== undefined && qual.toLowerCase() === repository.toLowerCase();
    return same ? { ...base, spec: null, ids: [], issueNumber: Number(num) } : null;
  }
  if (sep === '/' && !dotted) return null;
  return { ...base, spec: qual, ids: [num], issueNumber: null };
}

function isRepositoryName(qual: string): boolean {
  return /^[\w-][\w.-]*\/[\w.-]+$/.test(qual);
}

/** How many IDs `expandRange` gives, without building them. */
function rangeSize(first: string, last: string): number {
  const from = /^T(\d+)$/.exec(first);
  const to = /^T(\d+)$/.exec(last);
  // IDs with letter suffixes (T011a–T011c) have no agreed order between them: take the two ends only.
  if (!from || !to) return first === last ? 1 : 2;
  const count = Number(to[1]) - Number(from[1]) + 1;
  return count < 1 || count > MAX_RANGE_IDS ? 0 : count;
}

/** `T012–T015` → T012…T015, zero-padded like the first; reversed, oversized or lettered ranges give less. */
export function expandRange(first: string, last: string): string[] {
  const count = rangeSize(first, last);
  const from = /^T(\d+)$/.exec(first);
  const to = /^T(\d+)$/.exec(last);
  if (!from || !to) return count === 1 ? [first] : [first, last];
  const start = Number(from[1]);
  const width = from[1]!.length;
  return Array.from({ length: count }, (_, offset) => `T${String(start + offset).padStart(width, '0')}`);
}
