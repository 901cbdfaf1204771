import { type JsonObject, nodeId, repoApiUrl, repoObject, userObject } from './objects-base.js';
import { issueObject, userNamed } from './objects-issues.js';
import type { RepoState, StoredCheckRun, StoredIssue, StoredPull, Urls } from './state.js';

function branchEnd(urls: Urls, repo: RepoState, ref: string, sha: string): JsonObject {
  return {
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: userObject(urls, userNamed(repo.owner)),
    repo: repoObject(urls, repo),
  };
}

function link(href: string): JsonObject {
  return { href };
}

/** A `pull-request` object; `full` adds the counts only the single-pull answer carries. */
export function pullObject(
  urls: Urls,
  repo: RepoState,
  issue: StoredIssue,
  pull: StoredPull,
  full: boolean,
): JsonObject {
  const issueJson = issueObject(urls, repo, issue);
  const api = repoApiUrl(urls, repo);
  const url = `${api}/pulls/${pull.number}`;
  const html = `${urls.html}/${repo.fullName}/pull/${pull.number}`;
  const base = repo.tip(pull.base)?.sha ?? pull.baseSha;
  const object: JsonObject = {
    url,
    id: issue.id + 500_000_000,
    node_id: nodeId('PullRequest', issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    number: pull.number,
    state: issue.state,
    locked: false,
    active_lock_reason: null,
    title: issue.title,
    user: issueJson.user,
    body: issue.body,
    labels: issueJson.labels,
    milestone: issueJson.milestone,
    assignee: issueJson.assignee,
    assignees: issueJson.assignees,
    requested_reviewers: [],
    requested_teams: [],
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    draft: pull.draft,
    head: branchEnd(urls, repo, pull.head, pull.headSha),
    base: branchEnd(urls, repo, pull.base, base),
    _links: {
      self: link(url),
      html: link(html),
      issue: link(`${api}/issues/${pull.number}`),
      comments: link(`${api}/issues/${pull.number}/comments`),
      review_comments: link(`${url}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${url}/commits`),
      statuses: link(`${api}/statuses/${pull.headSha}`),
    },
    author_association: issueJson.author_association,
    auto_merge: null,
  };
  if (full) Object.assign(object, fullPullFields(urls, repo, issue, pull));
  return object;
}

function fullPullFields(urls: Urls, repo: RepoState, issue: StoredIssue, pull: StoredPull): JsonObject {
  const commits = repo.commitsBetween(pull.baseSha, pull.headSha);
  return {
    merged: pull.merged,
    mergeable: pull.merged ? null : true,
    rebaseable: pull.merged ? null : true,
    mergeable_state: pull.merged ? 'unknown' : 'clean',
    merged_by: pull.merged ? userObject(urls, userNamed('octocat')) : null,
    comments: issue.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: commits.length,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

/** What the simulated app was granted, as GitHub reports it for the app and for its installations. */
export const APP_PERMISSIONS = {
  issues: 'write',
  checks: 'write',
  contents: 'write',
  pull_requests: 'write',
  metadata: 'read',
};
export const APP_EVENTS = ['push', 'pull_request', 'issues', 'check_run', 'check_suite'];

export function appObject(urls: Urls, appId: number): JsonObject {
  return {
    id: appId,
    slug: 'spec-sync',
    node_id: nodeId('Integration', appId),
    client_id: `Iv1.${appId}`,
    owner: userObject(urls, { login: 'spec-sync-org', id: 77, type: 'User' }),
    name: 'spec-sync',
    description: 'Mirrors tasks.md into issues.',
    external_url: 'https://example.com/spec-sync',
    html_url: `${urls.html}/apps/spec-sync`,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
  };
}

export function checkRunObject(urls: Urls, repo: RepoState, run: StoredCheckRun, appId: number): JsonObject {
  const api = repoApiUrl(urls, repo);
  const url = `${api}/check-runs/${run.id}`;
  const html = `${urls.html}/${repo.fullName}/runs/${run.id}`;
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId('CheckRun', run.id),
    external_id: run.externalId,
    url,
    html_url: html,
    details_url: run.detailsUrl ?? html,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${url}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.id + 100_000_000 },
    app: appObject(urls, appId),
    pull_requests: [],
    actions: run.actions,
  };
}
