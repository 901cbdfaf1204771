import type { Config } from '../../config/schema.js';
import type { IgnoredReferences, TaskReference } from '../../core/refs/find-task-references.js';
import {
  matchesQualifier,
  type ResolvedReferences,
  resolveReferences,
  type SpecIndexEntry,
} from '../../core/refs/resolve-references.js';
import { readIssueMarker } from '../../core/render/issue/issue-marker.js';
import { findSpecs, type SpecLocation } from '../../core/specs/find-specs.js';
import { GitHubRequestError } from '../../github/errors.js';
import type { GitHubGateway } from '../../github/gateway.js';
import type { ReferenceScanner, TasksParser } from '../shared/tasks-parser.js';
import { type PullRequestFacts, specsCommit } from './read-pull-request.js';
import { indexEntry, SpecIndex } from './spec-index.js';

/** Issue references read per pull request; more are reported as not found rather than read one by one. */
export const MAX_ISSUE_REFERENCES = 50;

export interface PullRequestTasks {
  refs: TaskReference[];
  /** What the pull request named past the reference budget: counted, not read. */
  ignored: IgnoredReferences;
  /** Every spec at the commit the references were read against. */
  specs: SpecLocation[];
  resolved: ResolvedReferences;
  index: SpecIndex | null;
}

/** Finds the pull request's references and decides which task of which spec each one means. */
export async function resolvePullRequestTasks(
  gateway: GitHubGateway,
  config: Config,
  facts: PullRequestFacts,
  reader: { parseTasks: TasksParser; scanReferences: ReferenceScanner },
): Promise<PullRequestTasks> {
  const { title, body, headBranch, commitMessages } = facts;
  const text = { title, body, headBranch, commitMessages };
  const { references: refs, ignored } = await reader.scanReferences(text, {
    closingWords: config.pullRequests.closingWords,
    titleIdsClose: config.pullRequests.titleIdsClose,
    repository: `${gateway.ref.owner}/${gateway.ref.repo}`,
  });
  if (refs.length === 0)
    return {
      refs,
      ignored,
      specs: [],
      resolved: { tasks: [], ambiguous: [], unresolved: [] },
      index: null,
    };
  const commit = specsCommit(facts);
  const specs = findSpecs(await gateway.listPaths(commit), config.specs);
  const index = new SpecIndex(gateway, commit, config.tracking, reader.parseTasks);
  const context = {
    baseBranch: facts.baseBranch,
    headBranch: facts.headBranch,
    touchedPaths: facts.paths,
    issues: await readIssueTasks(gateway, refs),
  };
  const first = await index.read(specs.filter((spec) => concerns(spec, refs, facts, config)));
  let resolved = resolveReferences(refs, { ...context, specs: first });
  if (first.length < specs.length && needsEverySpec(refs, first, facts)) {
    resolved = resolveReferences(refs, { ...context, specs: await index.read(specs) });
  }
  return { refs, ignored, specs, resolved, index };
}

/** A spec named by a qualifier, on the PR's branch, or holding files the PR changes. */
function concerns(
  spec: SpecLocation,
  refs: TaskReference[],
  facts: PullRequestFacts,
  config: Config,
): boolean {
  const entry = indexEntry(spec, new Set(), config.tracking);
  return (
    onBranch(entry, facts) ||
    touches(entry, facts.paths) ||
    refs.some((ref) => ref.spec !== null && matchesQualifier(entry, ref.spec))
  );
}

/**
 * An unqualified ID that no spec on the PR's branch or among its changed files has can only be settled
 * by knowing every spec that has it (`resolveReferences`: "the only spec with that ID").
 */
function needsEverySpec(refs: TaskReference[], first: SpecIndexEntry[], facts: PullRequestFacts): boolean {
  if (first.some((entry) => onBranch(entry, facts))) return false;
  const touched = first.filter((entry) => touches(entry, facts.paths));
  return refs.some(
    (ref) => ref.id !== null && ref.spec === null && !touched.some((entry) => entry.taskIds.has(ref.id!)),
  );
}

function onBranch(entry: SpecIndexEntry, facts: PullRequestFacts): boolean {
  return entry.branch !== null && (entry.branch === facts.headBranch || entry.branch === facts.baseBranch);
}

function touches(entry: SpecIndexEntry, paths: string[]): boolean {
  return paths.some((path) => path.startsWith(`${entry.dir}/`));
}

/** `#123` → the task its marker names; an issue that is not a task issue (or not there) names nothing. */
async function readIssueTasks(
  gateway: GitHubGateway,
  refs: TaskReference[],
): Promise<Map<number, { specDir: string; taskId: string }>> {
  const numbers = [...new Set(refs.flatMap((ref) => (ref.issueNumber === null ? [] : [ref.issueNumber])))];
  const tasks = new Map<number, { specDir: string; taskId: string }>();
  for (const number of numbers.slice(0, MAX_ISSUE_REFERENCES)) {
    const marker = readIssueMarker(await issueBody(gateway, number));
    if (marker?.kind === 'task') tasks.set(number, { specDir: marker.spec, taskId: marker.id });
  }
  return tasks;
}

async function issueBody(gateway: GitHubGateway, number: number): Promise<string | null> {
  try {
    return (await gateway.getIssue(number)).body;
  } catch (error) {
    // A number that is not an issue here (deleted, transferred, never existed) is simply not a task.
    if (error instanceof GitHubRequestError && (error.status === 404 || error.status === 410)) return null;
    throw error;
  }
}
