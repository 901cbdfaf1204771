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

/** Finds the references in one line of masked text (title, body or commit message). */
export function scanTokens(line: string, repository: string | undefined): RefToken[] {
  const tokens: RefToken[] = [];
  for (const match of line.matchAll(TOKEN)) {
    const token = toToken(match, repository);
    if (token) tokens.push(token);
  }
  return tokens;
}

/** Task IDs in a branch name (`feature/T012-user-model`, `t012-user-model`), normalised to `T012`. */
export function scanBranch(branch: string): { raw: string; id: string }[] {
  return [...branch.matchAll(BRANCH_ID)].map((match) => {
    const raw = match[1]!;
    return { raw, id: `T${raw.slice(1).toLowerCase()}` };
  });
}

function toToken(match: RegExpExecArray, repository: string | undefined): RefToken | null {
  const groups = match.groups ?? {};
  const base = { raw: match[0], start: match.index, end: match.index + match[0].length };
  const qual = groups.qual ?? null;
  if (groups.tid) {
    const ids = groups.tend ? expandRange(groups.tid, groups.tend) : [groups.tid];
    return ids.length > 0 ? { ...base, spec: qual, ids, issueNumber: null } : null;
  }
  if (groups.issue) return { ...base, spec: null, ids: [], issueNumber: Number(groups.issue) };
  if (!qual || !groups.num) return null;
  return numberToken(base, qual, groups.sep!, groups.num, repository);
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

/** `T012–T015` → T012…T015, zero-padded like the first; reversed, oversized or lettered ranges give less. */
export function expandRange(first: string, last: string): string[] {
  const from = /^T(\d+)$/.exec(first);
  const to = /^T(\d+)$/.exec(last);
  // IDs with letter suffixes (T011a–T011c) have no agreed order between them: take the two ends only.
  if (!from || !to) return first === last ? [first] : [first, last];
  const start = Number(from[1]);
  const count = Number(to[1]) - start + 1;
  if (count < 1 || count > MAX_RANGE_IDS) return [];
  const width = from[1]!.length;
  return Array.from({ length: count }, (_, offset) => `T${String(start + offset).padStart(width, '0')}`);
}
