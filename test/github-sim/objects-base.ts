import type { RepoState, SimUser, Urls } from './state.js';

export type JsonObject = Record<string, unknown>;

export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64url');
}

export function userObject(urls: Urls, user: SimUser): JsonObject {
  const api = `${urls.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId('User', user.id),
    avatar_url: `${urls.html}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    // GitHub links bots to their app page; `[bot]` is not valid in a URI path
    html_url:
      user.type === 'Bot'
        ? `${urls.html}/apps/${user.login.replace(/\[bot\]$/, '')}`
        : `${urls.html}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function ownerOf(repo: RepoState): SimUser {
  return { login: repo.owner, id: repo.id + 1_000_000, type: 'User' };
}

const REPO_URL_SUFFIXES: Record<string, string> = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  hooks_url: '/hooks',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
};

export function repoApiUrl(urls: Urls, repo: RepoState): string {
  return `${urls.api}/repos/${repo.owner}/${repo.name}`;
}

/** A `full-repository`, which also satisfies the smaller `repository` schema used in lists. */
export function repoObject(urls: Urls, repo: RepoState): JsonObject {
  const api = repoApiUrl(urls, repo);
  const html = `${urls.html}/${repo.owner}/${repo.name}`;
  const links: JsonObject = {};
  for (const [key, suffix] of Object.entries(REPO_URL_SUFFIXES)) links[key] = `${api}${suffix}`;
  const openIssues = repo.issues.filter((issue) => issue.state === 'open').length;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: userObject(urls, ownerOf(repo)),
    html_url: html,
    description: null,
    fork: false,
    url: api,
    ...links,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    pushed_at: repo.createdAt,
    git_url: `git://127.0.0.1/${repo.fullName}.git`,
    ssh_url: `git@127.0.0.1:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: false,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: repo.defaultBranch,
    visibility: repo.private ? 'private' : 'public',
    topics: [],
    network_count: 0,
    subscribers_count: 0,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  };
}
