import { diffTrees } from './git.js';
import { commitObject, diffEntryObject } from './objects-git.js';
import { pullObject } from './objects-pulls.js';
import { createPull, refreshPull } from './pull-store.js';
import {
  intParam,
  listResponse,
  notFound,
  ok,
  type RouteTable,
  repoOf,
  type SimRequest,
  stringField,
} from './route-types.js';
import type { RepoState, StoredIssue, StoredPull } from './state.js';

function findPull(request: SimRequest, repo: RepoState): [StoredIssue, StoredPull] {
  const issue = repo.issue(intParam(request, 'pull_number'));
  if (!issue?.pullRequest) throw notFound();
  refreshPull(repo, issue.pullRequest);
  return [issue, issue.pullRequest];
}

function listPulls(request: SimRequest) {
  const repo = repoOf(request);
  const state = request.query.get('state') ?? 'open';
  const head = request.query.get('head');
  const base = request.query.get('base');
  const pulls = repo.issues
    .filter((issue) => issue.pullRequest && (state === 'all' || issue.state === state))
    .filter((issue) => !head || `${repo.owner}:${issue.pullRequest?.head}` === head)
    .filter((issue) => !base || issue.pullRequest?.base === base)
    .reverse();
  return listResponse(request, pulls, (issue) => {
    refreshPull(repo, issue.pullRequest!);
    return pullObject(request.sim.urls, repo, issue, issue.pullRequest!, false);
  });
}

function postPull(request: SimRequest) {
  const repo = repoOf(request);
  const issue = createPull(
    request.sim,
    repo,
    {
      title: stringField(request.body, 'title') ?? '',
      head: stringField(request.body, 'head') ?? '',
      base: stringField(request.body, 'base'),
      body: stringField(request.body, 'body') ?? null,
      draft: request.body.draft === true,
    },
    request.actor.login,
  );
  return ok(pullObject(request.sim.urls, repo, issue, issue.pullRequest!, true), 201);
}

export const pullRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}/pulls': listPulls,
  'POST /repos/{owner}/{repo}/pulls': postPull,
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': (request) => {
    const repo = repoOf(request);
    const [issue, pull] = findPull(request, repo);
    return ok(pullObject(request.sim.urls, repo, issue, pull, true));
  },
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits': (request) => {
    const repo = repoOf(request);
    const [, pull] = findPull(request, repo);
    const commits = repo.commitsBetween(pull.baseSha, pull.headSha);
    return listResponse(request, commits, (commit) => commitObject(request.sim.urls, repo, commit));
  },
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': (request) => {
    const repo = repoOf(request);
    const [, pull] = findPull(request, repo);
    const base = repo.commits.get(pull.baseSha)?.tree ?? new Map();
    const head = repo.commits.get(pull.headSha)?.tree ?? new Map();
    const files = diffTrees(base, head);
    return listResponse(request, files, (file) =>
      diffEntryObject(request.sim.urls, repo, file, pull.headSha),
    );
  },
};
