import { blobSha, type FileChange, type FileTree, type StoredCommit } from './git.js';
import { type JsonObject, nodeId, repoApiUrl, userObject } from './objects-base.js';
import { userNamed } from './objects-issues.js';
import type { RepoState, Urls } from './state.js';

function gitActor(login: string, date: string): JsonObject {
  return { name: login, email: `${login.replace(/\W/g, '')}@users.noreply.github.com`, date };
}

const UNSIGNED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

function gitCommitObject(urls: Urls, repo: RepoState, commit: StoredCommit): JsonObject {
  const api = repoApiUrl(urls, repo);
  return {
    url: `${api}/git/commits/${commit.sha}`,
    author: gitActor(commit.author, commit.date),
    committer: gitActor(commit.author, commit.date),
    message: commit.message,
    comment_count: 0,
    tree: { sha: commit.treeSha, url: `${api}/git/trees/${commit.treeSha}` },
    verification: UNSIGNED,
  };
}

function parentsOf(urls: Urls, repo: RepoState, commit: StoredCommit): JsonObject[] {
  return commit.parents.map((sha) => ({
    sha,
    url: `${repoApiUrl(urls, repo)}/commits/${sha}`,
    html_url: `${urls.html}/${repo.fullName}/commit/${sha}`,
  }));
}

export function diffEntryObject(urls: Urls, repo: RepoState, change: FileChange, ref: string): JsonObject {
  const path = change.path.split('/').map(encodeURIComponent).join('/');
  return {
    sha: change.sha,
    filename: change.path,
    status: change.status,
    additions: change.additions,
    deletions: change.deletions,
    changes: change.additions + change.deletions,
    blob_url: `${urls.html}/${repo.fullName}/blob/${ref}/${path}`,
    raw_url: `${urls.html}/${repo.fullName}/raw/${ref}/${path}`,
    contents_url: `${repoApiUrl(urls, repo)}/contents/${path}?ref=${ref}`,
  };
}

/** The REST `commit` object; `files` is included when given (single-commit and compare answers). */
export function commitObject(
  urls: Urls,
  repo: RepoState,
  commit: StoredCommit,
  files?: FileChange[],
): JsonObject {
  const author = userObject(urls, userNamed(commit.author));
  const object: JsonObject = {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    url: `${repoApiUrl(urls, repo)}/commits/${commit.sha}`,
    html_url: `${urls.html}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${repoApiUrl(urls, repo)}/commits/${commit.sha}/comments`,
    commit: gitCommitObject(urls, repo, commit),
    author,
    committer: author,
    parents: parentsOf(urls, repo, commit),
  };
  if (files) {
    const additions = files.reduce((sum, file) => sum + file.additions, 0);
    const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
    object.stats = { additions, deletions, total: additions + deletions };
    object.files = files.map((file) => diffEntryObject(urls, repo, file, commit.sha));
  }
  return object;
}

export function fileCommitObject(urls: Urls, repo: RepoState, commit: StoredCommit): JsonObject {
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    html_url: `${urls.html}/${repo.fullName}/commit/${commit.sha}`,
    ...gitCommitObject(urls, repo, commit),
    parents: parentsOf(urls, repo, commit),
  };
}

function contentLinks(
  urls: Urls,
  repo: RepoState,
  path: string,
  ref: string,
  type: 'file' | 'dir',
  sha: string,
) {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const self = `${repoApiUrl(urls, repo)}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const html = `${urls.html}/${repo.fullName}/${type === 'file' ? 'blob' : 'tree'}/${ref}/${encoded}`;
  const git = `${repoApiUrl(urls, repo)}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
  return { url: self, html_url: html, git_url: git, _links: { self, git, html } };
}

/** A file entry as `GET /contents` describes it; `withContent` adds the base64 body. */
export function contentFileObject(
  urls: Urls,
  repo: RepoState,
  path: string,
  content: string,
  ref: string,
  withContent: boolean,
): JsonObject {
  const sha = blobSha(content);
  const object: JsonObject = {
    type: 'file',
    name: path.split('/').pop() ?? path,
    path,
    sha,
    size: Buffer.byteLength(content, 'utf8'),
    ...contentLinks(urls, repo, path, ref, 'file', sha),
    download_url: `${urls.html}/${repo.fullName}/raw/${ref}/${path}`,
  };
  if (withContent) {
    // GitHub wraps the base64 text at 60 characters with newlines
    object.content = (
      Buffer.from(content, 'utf8')
        .toString('base64')
        .match(/.{1,60}/g) ?? []
    ).join('\n');
    object.encoding = 'base64';
  }
  return object;
}

export function contentDirObject(
  urls: Urls,
  repo: RepoState,
  path: string,
  sha: string,
  ref: string,
): JsonObject {
  return {
    type: 'dir',
    name: path.split('/').pop() ?? path,
    path,
    sha,
    size: 0,
    ...contentLinks(urls, repo, path, ref, 'dir', sha),
    download_url: null,
  };
}

export function refObject(urls: Urls, repo: RepoState, branch: string, sha: string): JsonObject {
  const api = repoApiUrl(urls, repo);
  return {
    ref: `refs/heads/${branch}`,
    node_id: nodeId('Ref', `${repo.id}:${branch}`),
    url: `${api}/git/refs/heads/${branch}`,
    object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` },
  };
}

export function treeEntries(tree: FileTree): { path: string; content: string }[] {
  return [...tree.entries()].map(([path, content]) => ({ path, content }));
}
