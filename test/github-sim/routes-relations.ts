import { issueObject } from './objects-issues.js';
import {
  listResponse,
  notFound,
  ok,
  type RouteTable,
  repoOf,
  SimError,
  type SimRequest,
} from './route-types.js';
import { findIssue } from './routes-issues.js';
import type { RepoState, StoredIssue } from './state.js';

/** GitHub caps sub-issues per parent at 100, closed ones included. */
const MAX_SUB_ISSUES = 100;
/** GitHub allows sub-issues to nest 8 levels deep, the top parent included. */
const MAX_NESTING_LEVELS = 8;

/** Levels from the top of the tree down to `issue`, counting `issue` itself. */
function levelOf(repo: RepoState, issue: StoredIssue): number {
  let level = 1;
  for (let up = issue.parentId; up !== null; up = repo.issueById(up)?.parentId ?? null) level += 1;
  return level;
}

/** Levels in the tree under `issue`, counting `issue` itself. */
function heightOf(repo: RepoState, issue: StoredIssue): number {
  const children = issue.subIssueIds.map((id) => repo.issueById(id)).filter((sub) => sub !== undefined);
  return 1 + Math.max(0, ...children.map((child) => heightOf(repo, child)));
}

function isAncestor(repo: RepoState, candidate: StoredIssue, issue: StoredIssue): boolean {
  for (let up = issue.parentId; up !== null; up = repo.issueById(up)?.parentId ?? null)
    if (up === candidate.id) return true;
  return false;
}

function byId(repo: RepoState, value: unknown): StoredIssue {
  const issue = repo.issueById(Number(value));
  if (!issue)
    throw new SimError(422, 'Validation Failed', [{ resource: 'Issue', code: 'invalid', field: 'id' }]);
  return issue;
}

function addSubIssue(request: SimRequest) {
  const repo = repoOf(request);
  const parent = findIssue(request, repo);
  const child = byId(repo, request.body.sub_issue_id);
  if (child.id === parent.id) throw new SimError(422, 'An issue cannot be a sub-issue of itself.');
  if (child.parentId !== null && child.parentId !== parent.id && request.body.replace_parent !== true) {
    throw new SimError(422, 'Validation Failed', [
      {
        resource: 'Issue',
        code: 'custom',
        field: 'sub_issue_id',
        message: 'Issue may not contain duplicate sub-issues and Sub issue may only have one parent',
      },
    ]);
  }
  if (parent.subIssueIds.includes(child.id)) {
    throw new SimError(422, 'Validation Failed', [
      {
        resource: 'Issue',
        code: 'custom',
        field: 'sub_issue_id',
        message: 'Issue may not contain duplicate sub-issues',
      },
    ]);
  }
  if (parent.subIssueIds.length >= MAX_SUB_ISSUES) throw new SimError(422, 'Sub-issue limit reached.');
  if (isAncestor(repo, child, parent))
    throw new SimError(422, 'An issue cannot be a sub-issue of its own sub-issue.');
  if (levelOf(repo, parent) + heightOf(repo, child) > MAX_NESTING_LEVELS)
    throw new SimError(422, `Sub-issues may nest at most ${MAX_NESTING_LEVELS} levels.`);
  const previous = child.parentId === null ? undefined : repo.issueById(child.parentId);
  if (previous) previous.subIssueIds = previous.subIssueIds.filter((id) => id !== child.id);
  parent.subIssueIds.push(child.id);
  child.parentId = parent.id;
  return ok(issueObject(request.sim.urls, repo, parent), 201);
}

function removeSubIssue(request: SimRequest) {
  const repo = repoOf(request);
  const parent = findIssue(request, repo);
  const child = byId(repo, request.body.sub_issue_id);
  if (!parent.subIssueIds.includes(child.id)) throw notFound();
  parent.subIssueIds = parent.subIssueIds.filter((id) => id !== child.id);
  child.parentId = null;
  return ok(issueObject(request.sim.urls, repo, parent));
}

/** Moves a sub-issue right after `after_id` or right before `before_id` (exactly one of them). */
function reprioritizeSubIssue(request: SimRequest) {
  const repo = repoOf(request);
  const parent = findIssue(request, repo);
  const id = Number(request.body.sub_issue_id);
  const { after_id: after, before_id: before } = request.body;
  const anchor = Number(after ?? before);
  const known = (value: number) => parent.subIssueIds.includes(value);
  if ((after === undefined) === (before === undefined) || !known(id) || !known(anchor) || id === anchor) {
    throw new SimError(422, 'Validation Failed', [
      { resource: 'Issue', code: 'invalid', field: after === undefined ? 'before_id' : 'after_id' },
    ]);
  }
  const rest = parent.subIssueIds.filter((other) => other !== id);
  rest.splice(rest.indexOf(anchor) + (after === undefined ? 0 : 1), 0, id);
  parent.subIssueIds = rest;
  return ok(issueObject(request.sim.urls, repo, parent));
}

function addBlockedBy(request: SimRequest) {
  const repo = repoOf(request);
  const issue = findIssue(request, repo);
  const blocker = byId(repo, request.body.issue_id);
  if (blocker.id === issue.id || issue.blockedByIds.includes(blocker.id)) {
    throw new SimError(422, 'Validation Failed', [
      { resource: 'IssueDependency', code: 'invalid', field: 'issue_id' },
    ]);
  }
  issue.blockedByIds.push(blocker.id);
  return ok(issueObject(request.sim.urls, repo, blocker), 201);
}

function removeBlockedBy(request: SimRequest) {
  const repo = repoOf(request);
  const issue = findIssue(request, repo);
  const id = Number(request.params.issue_id);
  const blocker = repo.issueById(id);
  if (!blocker || !issue.blockedByIds.includes(id)) throw notFound();
  issue.blockedByIds = issue.blockedByIds.filter((other) => other !== id);
  return ok(issueObject(request.sim.urls, repo, blocker));
}

export const relationRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues': (request) => {
    const repo = repoOf(request);
    const subs = findIssue(request, repo)
      .subIssueIds.map((id) => repo.issueById(id))
      .filter((s) => s !== undefined);
    return listResponse(request, subs, (sub) => issueObject(request.sim.urls, repo, sub));
  },
  'POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues': addSubIssue,
  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue': removeSubIssue,
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority': reprioritizeSubIssue,
  'GET /repos/{owner}/{repo}/issues/{issue_number}/parent': (request) => {
    const repo = repoOf(request);
    const { parentId } = findIssue(request, repo);
    const parent = parentId === null ? undefined : repo.issueById(parentId);
    if (!parent) throw notFound();
    return ok(issueObject(request.sim.urls, repo, parent));
  },
  'GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by': (request) => {
    const repo = repoOf(request);
    const blockers = findIssue(request, repo)
      .blockedByIds.map((id) => repo.issueById(id))
      .filter((s) => s !== undefined);
    return listResponse(request, blockers, (blocker) => issueObject(request.sim.urls, repo, blocker));
  },
  'POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by': addBlockedBy,
  'GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking': (request) => {
    const repo = repoOf(request);
    const { id } = findIssue(request, repo);
    const blocked = repo.issues.filter((other) => other.blockedByIds.includes(id));
    return listResponse(request, blocked, (issue) => issueObject(request.sim.urls, repo, issue));
  },
  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}': removeBlockedBy,
};
