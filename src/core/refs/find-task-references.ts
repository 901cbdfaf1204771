import { maskLine, maskMarkdown } from './mask-text.js';
import { createReferenceBudget, type IgnoredReferences, type ReferenceBudget } from './reference-budget.js';
import { createIntentReader, type IntentReader, isListGap } from './reference-intent.js';
import { type RefToken, scanBranch, scanTokens } from './scan-tokens.js';
import type {
  FindReferencesOptions,
  ReferenceIntent,
  ReferenceSource,
  TaskReference,
} from './task-reference.js';

export type { IgnoredReferences } from './reference-budget.js';
export type { FindReferencesOptions, TaskReference } from './task-reference.js';

/** The references read within the budget, and what was left unread. */
export interface ReferenceScan {
  references: TaskReference[];
  ignored: IgnoredReferences;
}

export interface PullRequestText {
  title: string;
  body: string | null;
  headBranch: string;
  commitMessages: string[];
}

interface ListHead {
  end: number;
  intent: ReferenceIntent;
  spec: string | null;
}

interface LineContext {
  source: ReferenceSource;
  /** Intent of a reference with no closing or mention word before it. */
  fallback: ReferenceIntent;
  reader: IntentReader;
  repository: string | undefined;
  budget: ReferenceBudget;
}

/** `scanTaskReferences` without the account of what was ignored. */
export function findTaskReferences(input: PullRequestText, options: FindReferencesOptions): TaskReference[] {
  return scanTaskReferences(input, options).references;
}

/**
 * Every task and issue reference in a pull request (docs/pr-references.md), de-duplicated in order of
 * first appearance (title, body, branch, commits). When one task is both mentioned and closed, close wins.
 * Past `options.maxIds` IDs (MAX_PULL_REQUEST_IDS) the rest is counted as ignored, not read.
 */
export function scanTaskReferences(input: PullRequestText, options: FindReferencesOptions): ReferenceScan {
  const reader = createIntentReader(options.closingWords);
  const budget = createReferenceBudget(options.maxIds);
  const context = (source: ReferenceSource, fallback: ReferenceIntent): LineContext => ({
    source,
    fallback,
    reader,
    repository: options.repository,
    budget,
  });
  const found = [
    ...readLine(
      maskLine(budget.cut(input.title)),
      context('title', options.titleIdsClose ? 'close' : 'mention'),
    ),
    ...readLines(maskMarkdown(budget.cut(input.body ?? '')), context('body', 'mention')),
    ...readBranch(input.headBranch, budget),
    ...input.commitMessages.flatMap((message) =>
      readLines(maskMarkdown(budget.cut(message)), context('commit', 'mention')),
    ),
  ];
  return { references: deduplicate(found), ignored: budget.ignored() };
}

function readLines(lines: string[], context: LineContext): TaskReference[] {
  return lines.flatMap((line) => readLine(line, context));
}

/** A list shares the intent (and spec qualifier) of its first reference: `Closes 002-billing/T012, T013`. */
function readLine(line: string, context: LineContext): TaskReference[] {
  const refs: TaskReference[] = [];
  let previous: ListHead | null = null;
  for (const token of scanTokens(line, context.repository, context.budget)) {
    const head = listHead(line, token, previous, context);
    const base = { raw: token.raw, spec: head.spec, intent: head.intent, source: context.source };
    if (token.issueNumber !== null)
      refs.push({ ...base, spec: null, id: null, issueNumber: token.issueNumber });
    for (const id of token.ids) refs.push({ ...base, id, issueNumber: null });
    previous = head;
  }
  return refs;
}

function listHead(line: string, token: RefToken, previous: ListHead | null, context: LineContext): ListHead {
  const gap = line.slice(previous?.end ?? 0, token.start);
  const listed = previous !== null && isListGap(gap) ? previous : null;
  return {
    end: token.end,
    intent: listed?.intent ?? context.reader.intentBefore(gap) ?? context.fallback,
    spec: token.spec ?? listed?.spec ?? null,
  };
}

// A branch named after a task is that task's work, like a title naming it.
function readBranch(branch: string, budget: ReferenceBudget): TaskReference[] {
  return scanBranch(branch, budget).map(({ raw, id }) => ({
    raw,
    spec: null,
    id,
    issueNumber: null,
    intent: 'close',
    source: 'branch',
  }));
}

function deduplicate(refs: TaskReference[]): TaskReference[] {
  const kept = new Map<string, TaskReference>();
  for (const ref of refs) {
    const key = [ref.spec ?? '', ref.id ?? '', ref.issueNumber ?? ''].join('\u0000');
    const earlier = kept.get(key);
    if (!earlier || (earlier.intent === 'mention' && ref.intent === 'close')) kept.set(key, ref);
  }
  return [...kept.values()];
}
