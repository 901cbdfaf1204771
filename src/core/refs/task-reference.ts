/** What a pull request says about a task or a task issue (docs/pr-references.md). */
export interface TaskReference {
  /** The text as written: `T012`, `002-billing/T012`, `T012–T015` (for every ID of a range), `#45`. */
  raw: string;
  /** The spec qualifier as written (`002-billing`, `specs/002-billing`, `.kiro/specs/auth`), or null. */
  spec: string | null;
  /** The task ID (`T012`, `T011a`, `2.3`), or null for an issue reference. */
  id: string | null;
  /** The issue number of `#123` (or `owner/repo#123` naming this repository), else null. */
  issueNumber: number | null;
  /** `close`: the merge marks the task done; `mention`: the PR only links to it. */
  intent: ReferenceIntent;
  source: ReferenceSource;
}

export type ReferenceIntent = 'close' | 'mention';
export type ReferenceSource = 'title' | 'body' | 'branch' | 'commit';

export interface FindReferencesOptions {
  /** Words that, written right before references, mark them closed (config `pullRequests.closingWords`). */
  closingWords: string[];
  /** A bare task ID in the title closes it (config `pullRequests.titleIdsClose`). */
  titleIdsClose: boolean;
  /** `owner/repo` of the pull request; `owner/repo#12` counts only when it names this repository. */
  repository?: string;
  /** Task IDs read from the whole pull request at most (default MAX_PULL_REQUEST_IDS). */
  maxIds?: number;
}

/** A range longer than this is taken as a typo and ignored, so `T001–T9999` cannot tick a whole spec. */
export const MAX_RANGE_IDS = 200;

/** Words that make the references after them links only, even where a bare ID would close (the title). */
export const MENTION_WORDS: readonly string[] = [
  'ref',
  'refs',
  'references',
  'see',
  'cf',
  're',
  'part of',
  'related to',
  'relates to',
  'towards',
  'toward',
  'depends on',
  'blocked by',
  'follow-up to',
  'follow up to',
  'prepares',
];
