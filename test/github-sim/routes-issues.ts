import {
  assigneeLogins,
  createIssue,
  labelNames,
  milestoneNumber,
  setLabels,
  updateIssue,
} from './issue-store.js';
import { issueObject, labelObject } from './objects-issues.js';
import {
  intParam,
  listResponse,
  notFound,
  ok,
  type RouteTable,
  repoOf,
  SimError,
  type SimRequest,
} from './route-types.js';
import type { RepoState, StoredIssue } from './state.js';

export function findIssue(request: SimRequest, repo: RepoState, name = 'issue_number'): StoredIssue {
  const issue = repo.issue(intParam(request, name));
  if (!issue) throw notFound();
  return issue;
}

function matchesFilters(issue: StoredIssue, query: URLSearchParams): boolean {
  const state = query.get('state') ?? 'open';
  if (state !== 'all' && issue.state !== state) return false;
  const wanted = (query.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  const have = issue.labels.map((l) => l.toLowerCase());
  if (!wanted.every((label) => have.includes(label))) return false;
  const since = query.get('since');
  if (since && issue.updatedAt < since) return false;
  const creator = query.get('creator');
  if (creator && issue.user !== creator) return false;
  const assignee = query.get('assignee');
  if (assignee === 'none' && issue.assignees.length > 0) return false;
  if (assignee && assignee !== '*' && assignee !== 'none' && !issue.assignees.includes(assignee))
    return false;
  const milestone = query.get('milestone');
  if (milestone === 'none') return issue.milestone === null;
  if (milestone === '*') return issue.milestone !== null;
  return !milestone || issue.milestone === Number(milestone);
}

function sortKey(issue: StoredIssue, sort: string): string | number {
  if (sort === 'updated') return issue.updatedAt;
  if (sort === 'comments') return issue.comments.length;
  return issue.createdAt;
}

function listIssues(request: SimRequest) {
  const repo = repoOf(request);
  const sort = request.query.get('sort') ?? 'created';
  const sign = request.query.get('direction') === 'asc' ? 1 : -1;
  const issues = repo.issues
    .filter((issue) => matchesFilters(issue, request.query))
    .sort((a, b) => {
      const [ka, kb] = [sortKey(a, sort), sortKey(b, sort)];
      // equal timestamps happen within one second; the number keeps the order stable like GitHub's
      if (ka === kb) return sign * (a.number - b.number);
      return ka < kb ? -sign : sign;
    });
  return listResponse(request, issues, (issue) => issueObject(request.sim.urls, repo, issue));
}

function postIssue(request: SimRequest) {
  const repo = repoOf(request);
  const { body } = request;
  const issue = createIssue(
    request.sim,
    repo,
    {
      title: String(body.title),
      body: typeof body.body === 'string' ? body.body : null,
      labels: labelNames(body.labels),
      assignees: Array.isArray(body.assignees) ? assigneeLogins(repo, body.assignees) : [],
      milestone: body.milestone === undefined ? null : milestoneNumber(repo, body.milestone),
    },
    request.actor.login,
  );
  const json = issueObject(request.sim.urls, repo, issue);
  return { status: 201, body: json, headers: { location: String(json.url) } };
}

function patchIssue(request: SimRequest) {
  const repo = repoOf(request);
  const issue = findIssue(request, repo);
  updateIssue(request.sim, repo, issue, request.body);
  return ok(issueObject(request.sim.urls, repo, issue));
}

function issueLabels(request: SimRequest, replace: boolean) {
  const repo = repoOf(request);
  const issue = findIssue(request, repo);
  const names = labelNames(Array.isArray(request.body) ? request.body : request.body.labels);
  setLabels(repo, issue, replace ? names : [...issue.labels, ...names]);
  issue.updatedAt = request.sim.isoNow();
  return ok(issue.labels.map((name) => labelObject(request.sim.urls, repo, repo.ensureLabel(name))));
}

function removeIssueLabel(request: SimRequest) {
  const repo = repoOf(request);
  const issue = findIssue(request, repo);
  const name = (request.params.name ?? '').toLowerCase();
  const index = issue.labels.findIndex((label) => label.toLowerCase() === name);
  if (index < 0) throw new SimError(404, 'Label does not exist');
  issue.labels.splice(index, 1);
  issue.updatedAt = request.sim.isoNow();
  return ok(issue.labels.map((label) => labelObject(request.sim.urls, repo, repo.ensureLabel(label))));
}

export const issueRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}/issues': listIssues,
  'POST /repos/{owner}/{repo}/issues': postIssue,
  'GET /repos/{owner}/{repo}/issues/{issue_number}': (request) => {
    const repo = repoOf(request);
    return ok(issueObject(request.sim.urls, repo, findIssue(request, repo)));
  },
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': patchIssue,
  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels': (request) => {
    const repo = repoOf(request);
    const issue = findIssue(request, repo);
    return listResponse(request, issue.labels, (name) =>
      labelObject(request.sim.urls, repo, repo.ensureLabel(name)),
    );
  },
  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': (request) => issueLabels(request, false),
  'PUT /repos/{owner}/{repo}/issues/{issue_number}/labels': (request) => issueLabels(request, true),
  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}': removeIssueLabel,
};
