import { blobSha, diffTrees, directoriesOf, type FileTree, subtree, treeSha } from './git.js';
import { repoApiUrl } from './objects-base.js';
import { commitObject, diffEntryObject, refObject } from './objects-git.js';
import {
  notFound,
  ok,
  type RouteTable,
  repoOf,
  SimError,
  type SimRequest,
  stringField,
} from './route-types.js';
import type { RepoState } from './state.js';

function branchName(ref: string): string {
  return ref.replace(/^refs\//, '').replace(/^heads\//, '');
}

function getBranch(request: SimRequest) {
  const repo = repoOf(request);
  const name = request.params.branch ?? '';
  const tip = repo.tip(name);
  if (!tip) throw new SimError(404, 'Branch not found');
  const api = repoApiUrl(request.sim.urls, repo);
  return ok({
    name,
    commit: commitObject(request.sim.urls, repo, tip),
    _links: {
      self: `${api}/branches/${name}`,
      html: `${request.sim.urls.html}/${repo.fullName}/tree/${name}`,
    },
    protected: repo.protectedBranches.has(name),
    protection: { enabled: repo.protectedBranches.has(name) },
    protection_url: `${api}/branches/${name}/protection`,
  });
}

function getRef(request: SimRequest) {
  const repo = repoOf(request);
  const name = branchName(request.params.ref ?? '');
  const sha = repo.branches.get(name);
  if (sha === undefined) throw notFound();
  return ok(refObject(request.sim.urls, repo, name, sha));
}

function createRef(request: SimRequest) {
  const repo = repoOf(request);
  const ref = stringField(request.body, 'ref') ?? '';
  const sha = stringField(request.body, 'sha') ?? '';
  if (!ref.startsWith('refs/') || ref.split('/').length < 3)
    throw new SimError(422, 'Reference name must start with refs/ and have at least two slashes.');
  if (!repo.commits.has(sha)) throw new SimError(422, 'Object does not exist');
  const name = branchName(ref);
  if (repo.branches.has(name)) throw new SimError(422, 'Reference already exists');
  repo.branches.set(name, sha);
  return ok(refObject(request.sim.urls, repo, name, sha), 201);
}

function updateRef(request: SimRequest) {
  const repo = repoOf(request);
  const name = branchName(request.params.ref ?? '');
  const current = repo.branches.get(name);
  const sha = stringField(request.body, 'sha') ?? '';
  if (current === undefined) throw new SimError(422, 'Reference does not exist');
  if (!repo.commits.has(sha)) throw new SimError(422, 'Object does not exist');
  if (repo.protectedBranches.has(name))
    throw new SimError(422, 'Repository rule violations found\n\nCannot update this protected ref.');
  const fastForward = repo.ancestors(sha).some((commit) => commit.sha === current);
  if (!fastForward && request.body.force !== true) throw new SimError(422, 'Update is not a fast forward');
  repo.branches.set(name, sha);
  return ok(refObject(request.sim.urls, repo, name, sha));
}

function deleteRef(request: SimRequest) {
  const repo = repoOf(request);
  const name = branchName(request.params.ref ?? '');
  if (!repo.branches.has(name)) throw new SimError(422, 'Reference does not exist');
  repo.branches.delete(name);
  return { status: 204 };
}

function getCommit(request: SimRequest) {
  const repo = repoOf(request);
  const commit = repo.resolve(request.params.ref ?? '');
  if (!commit) throw new SimError(422, `No commit found for SHA: ${request.params.ref}`);
  const parent = repo.commits.get(commit.parents[0] ?? '');
  const files = diffTrees(parent?.tree ?? new Map(), commit.tree);
  return ok(commitObject(request.sim.urls, repo, commit, files));
}

function compare(request: SimRequest) {
  const repo = repoOf(request);
  const [baseRef = '', headRef = ''] = (request.params.basehead ?? '').split('...');
  const base = repo.resolve(baseRef);
  const head = repo.resolve(headRef);
  if (!base || !head) throw notFound();
  const commits = repo.commitsBetween(base.sha, head.sha);
  const behind = repo.commitsBetween(head.sha, base.sha);
  const urls = request.sim.urls;
  const html = `${urls.html}/${repo.fullName}/compare/${base.sha}...${head.sha}`;
  return ok({
    url: `${repoApiUrl(urls, repo)}/compare/${baseRef}...${headRef}`,
    html_url: html,
    permalink_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    base_commit: commitObject(urls, repo, base),
    merge_base_commit: commitObject(urls, repo, base),
    status:
      behind.length > 0
        ? commits.length > 0
          ? 'diverged'
          : 'behind'
        : commits.length > 0
          ? 'ahead'
          : 'identical',
    ahead_by: commits.length,
    behind_by: behind.length,
    total_commits: commits.length,
    commits: commits.map((commit) => commitObject(urls, repo, commit)),
    files: diffTrees(base.tree, head.tree).map((change) => diffEntryObject(urls, repo, change, head.sha)),
  });
}

/** Finds a tree by its sha, a commit sha or a branch name, registering subdirectory trees on the way. */
function findTree(repo: RepoState, ref: string): FileTree | undefined {
  const direct = repo.trees.get(ref) ?? repo.resolve(ref)?.tree;
  if (direct) return direct;
  for (const tree of [...repo.trees.values()]) {
    for (const dir of directoriesOf(tree)) {
      const sub = subtree(tree, dir);
      repo.trees.set(treeSha(sub), sub);
    }
  }
  return repo.trees.get(ref);
}

function getTree(request: SimRequest) {
  const repo = repoOf(request);
  const tree = findTree(repo, request.params.tree_sha ?? '');
  if (!tree) throw notFound();
  const recursive = request.query.has('recursive');
  const api = repoApiUrl(request.sim.urls, repo);
  const entries: Record<string, unknown>[] = [];
  for (const dir of [...directoriesOf(tree)].sort()) {
    if (!recursive && dir.includes('/')) continue;
    const sha = treeSha(subtree(tree, dir));
    entries.push({ path: dir, mode: '040000', type: 'tree', sha, url: `${api}/git/trees/${sha}` });
  }
  for (const [path, content] of tree) {
    if (!recursive && path.includes('/')) continue;
    const sha = blobSha(content);
    entries.push({
      path,
      mode: '100644',
      type: 'blob',
      sha,
      size: Buffer.byteLength(content),
      url: `${api}/git/blobs/${sha}`,
    });
  }
  entries.sort((a, b) => (String(a.path) < String(b.path) ? -1 : 1));
  const sha = treeSha(tree);
  return ok({ sha, url: `${api}/git/trees/${sha}`, tree: entries, truncated: false });
}

function getBlob(request: SimRequest) {
  const repo = repoOf(request);
  const wanted = request.params.file_sha ?? '';
  for (const tree of repo.trees.values()) {
    for (const content of tree.values()) {
      if (blobSha(content) !== wanted) continue;
      return ok({
        sha: wanted,
        node_id: Buffer.from(`Blob:${wanted}`).toString('base64url'),
        url: `${repoApiUrl(request.sim.urls, repo)}/git/blobs/${wanted}`,
        size: Buffer.byteLength(content),
        content: Buffer.from(content).toString('base64'),
        encoding: 'base64',
      });
    }
  }
  throw notFound();
}

export const gitRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}/branches/{branch}': getBranch,
  'GET /repos/{owner}/{repo}/git/ref/{ref}': getRef,
  'POST /repos/{owner}/{repo}/git/refs': createRef,
  'PATCH /repos/{owner}/{repo}/git/refs/{ref}': updateRef,
  'DELETE /repos/{owner}/{repo}/git/refs/{ref}': deleteRef,
  'GET /repos/{owner}/{repo}/commits/{ref}': getCommit,
  'GET /repos/{owner}/{repo}/compare/{basehead}': compare,
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': getTree,
  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}': getBlob,
};
