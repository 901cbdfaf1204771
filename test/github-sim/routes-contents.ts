import { blobSha, directoriesOf, subtree, treeSha } from './git.js';
import { contentDirObject, contentFileObject, fileCommitObject } from './objects-git.js';
import { commitToBranch, PROTECTED_BRANCH_MESSAGE } from './repo-actions.js';
import {
  notFound,
  ok,
  type RouteTable,
  repoOf,
  SimError,
  type SimRequest,
  type SimResponse,
  stringField,
} from './route-types.js';
import type { RepoState } from './state.js';

function getContents(request: SimRequest) {
  const repo = repoOf(request);
  const ref = request.query.get('ref') ?? repo.defaultBranch;
  const commit = repo.resolve(ref);
  if (!commit) throw new SimError(404, `No commit found for the ref ${ref}`);
  const path = (request.params.path ?? '').replace(/\/$/, '');
  const content = commit.tree.get(path);
  const urls = request.sim.urls;
  if (content !== undefined && /\.raw\b/.test(request.accept ?? '')) return rawFile(content);
  if (content !== undefined) return ok(contentFileObject(urls, repo, path, content, ref, true));
  if (!directoriesOf(commit.tree).has(path)) throw notFound();
  const dir = subtree(commit.tree, path);
  const names = new Set([...dir.keys()].map((p) => p.split('/')[0] ?? p));
  const entries = [...names].sort().map((name) => {
    const full = `${path}/${name}`;
    const file = commit.tree.get(full);
    if (file !== undefined) return contentFileObject(urls, repo, full, file, ref, false);
    return contentDirObject(urls, repo, full, treeSha(subtree(commit.tree, full)), ref);
  });
  return ok(entries);
}

/** `Accept: application/vnd.github.raw` (Probot's config reader sends it): the file's bytes, not JSON. */
function rawFile(content: string): SimResponse {
  return {
    status: 200,
    text: content,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-github-media-type': 'github.v3; param=raw' },
  };
}

function targetBranch(request: SimRequest, repo: RepoState): string {
  const branch = stringField(request.body, 'branch') ?? repo.defaultBranch;
  if (!repo.branches.has(branch)) throw new SimError(404, `Branch ${branch} not found`);
  if (repo.protectedBranches.has(branch)) throw new SimError(409, PROTECTED_BRANCH_MESSAGE);
  return branch;
}

/** Writes need the current blob sha: a stale one is GitHub's optimistic-lock conflict (409). */
function checkSha(request: SimRequest, path: string, current: string | undefined): void {
  const given = stringField(request.body, 'sha');
  if (current === undefined) return;
  if (given === undefined) {
    throw new SimError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', [
      { resource: 'Contents', field: 'sha', code: 'missing_field' },
    ]);
  }
  if (given !== blobSha(current)) throw new SimError(409, `${path} does not match ${given}`);
}

function putContents(request: SimRequest) {
  const repo = repoOf(request);
  const path = request.params.path ?? '';
  const branch = targetBranch(request, repo);
  const current = repo.tip(branch)?.tree.get(path);
  checkSha(request, path, current);
  const text = Buffer.from(stringField(request.body, 'content') ?? '', 'base64').toString('utf8');
  const message = stringField(request.body, 'message') ?? '';
  const { commit } = commitToBranch(repo, branch, { [path]: text }, message, request.actor.login);
  return ok(
    {
      content: contentFileObject(request.sim.urls, repo, path, text, branch, false),
      commit: fileCommitObject(request.sim.urls, repo, commit),
    },
    current === undefined ? 201 : 200,
  );
}

function deleteContents(request: SimRequest) {
  const repo = repoOf(request);
  const path = request.params.path ?? '';
  const branch = targetBranch(request, repo);
  const current = repo.tip(branch)?.tree.get(path);
  if (current === undefined) throw notFound();
  checkSha(request, path, current);
  const message = stringField(request.body, 'message') ?? '';
  const { commit } = commitToBranch(repo, branch, { [path]: null }, message, request.actor.login);
  return ok({ content: null, commit: fileCommitObject(request.sim.urls, repo, commit) });
}

export const contentRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}/contents/{path}': getContents,
  'PUT /repos/{owner}/{repo}/contents/{path}': putContents,
  'DELETE /repos/{owner}/{repo}/contents/{path}': deleteContents,
};
