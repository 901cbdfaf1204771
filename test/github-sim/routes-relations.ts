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

/** GitHub caps sub-issues per parent at 100. */
const MAX_SUB_ISSUES = 100;

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
  const previous = child.parentId === null ? undefined : repo.issueById(child.parentId);
  if (previous) previous.subIssueIds = previous.subIssueIds.filter((id) => id !== child.id);
  parent.subIssueIds.push(child.id);
  child.parentId = parent.id;
  return ok(issueObject(request.sim.urls, repo, parent), 201);
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
  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}': removeBlockedBy,
};
