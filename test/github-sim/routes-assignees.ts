import { userObject } from './objects-base.js';
import { issueObject, userNamed } from './objects-issues.js';
import { listResponse, notFound, ok, type RouteTable, repoOf, type SimRequest } from './route-types.js';
import { findIssue } from './routes-issues.js';

/** POST adds the assignable logins among those named and ignores the rest, as GitHub does; DELETE removes. */
function changeAssignees(request: SimRequest, add: boolean) {
  const repo = repoOf(request);
  const issue = findIssue(request, repo);
  const named = Array.isArray(request.body.assignees)
    ? request.body.assignees.filter((login): login is string => typeof login === 'string')
    : [];
  if (add) {
    const fresh = named.filter((login) => repo.canAssign(login) && !issue.assignees.includes(login));
    issue.assignees = [...issue.assignees, ...fresh];
  } else {
    const gone = new Set(named.map((login) => login.toLowerCase()));
    issue.assignees = issue.assignees.filter((login) => !gone.has(login.toLowerCase()));
  }
  issue.updatedAt = request.sim.isoNow();
  return ok(issueObject(request.sim.urls, repo, issue), add ? 201 : 200);
}

export const assigneeRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}/assignees': (request) => {
    const repo = repoOf(request);
    return listResponse(request, [...repo.assignable].sort(), (login) =>
      userObject(request.sim.urls, userNamed(login)),
    );
  },
  // 204 when the login can be assigned issues in the repository, 404 otherwise.
  'GET /repos/{owner}/{repo}/assignees/{assignee}': (request) => {
    if (!repoOf(request).canAssign(request.params.assignee ?? '')) throw notFound();
    return { status: 204 };
  },
  'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees': (request) => changeAssignees(request, true),
  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees': (request) =>
    changeAssignees(request, false),
};
