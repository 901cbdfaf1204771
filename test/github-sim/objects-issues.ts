import { type JsonObject, nodeId, repoApiUrl, userObject } from './objects-base.js';
import {
  BOT,
  HUMAN,
  type RepoState,
  type SimUser,
  type StoredComment,
  type StoredIssue,
  type StoredLabel,
  type StoredMilestone,
  type Urls,
} from './state.js';

export function userNamed(login: string): SimUser {
  if (login === BOT.login) return BOT;
  if (login === HUMAN.login) return HUMAN;
  let hash = 7;
  for (const char of login) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000;
  return { login, id: 2_000_000 + hash, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
}

export function labelObject(urls: Urls, repo: RepoState, label: StoredLabel): JsonObject {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${repoApiUrl(urls, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  };
}

export function milestoneObject(urls: Urls, repo: RepoState, milestone: StoredMilestone): JsonObject {
  const issues = repo.issues.filter((issue) => issue.milestone === milestone.number);
  const url = `${repoApiUrl(urls, repo)}/milestones/${milestone.number}`;
  return {
    url,
    html_url: `${urls.html}/${repo.fullName}/milestone/${milestone.number}`,
    labels_url: `${url}/labels`,
    id: milestone.id,
    node_id: nodeId('Milestone', milestone.id),
    number: milestone.number,
    state: milestone.state,
    title: milestone.title,
    description: milestone.description,
    creator: userObject(urls, HUMAN),
    open_issues: issues.filter((issue) => issue.state === 'open').length,
    closed_issues: issues.filter((issue) => issue.state === 'closed').length,
    created_at: milestone.createdAt,
    updated_at: milestone.createdAt,
    closed_at: null,
    due_on: milestone.dueOn,
  };
}

function reactions(url: string): JsonObject {
  return {
    url: `${url}/reactions`,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

function authorAssociation(repo: RepoState, login: string): string {
  return login === repo.owner ? 'OWNER' : login.endsWith('[bot]') ? 'NONE' : 'COLLABORATOR';
}

function relationSummaries(repo: RepoState, issue: StoredIssue): JsonObject {
  const subs = issue.subIssueIds.map((id) => repo.issueById(id)).filter((sub) => sub !== undefined);
  const completed = subs.filter((sub) => sub.state === 'closed').length;
  const blocking = repo.issues.filter((other) => other.blockedByIds.includes(issue.id)).length;
  const blockedBy = issue.blockedByIds.filter((id) => repo.issueById(id)?.state === 'open').length;
  return {
    sub_issues_summary: {
      total: subs.length,
      completed,
      percent_completed: subs.length === 0 ? 0 : Math.floor((completed * 100) / subs.length),
    },
    issue_dependencies_summary: {
      blocked_by: blockedBy,
      blocking,
      total_blocked_by: issue.blockedByIds.length,
      total_blocking: blocking,
    },
  };
}

export function issueObject(urls: Urls, repo: RepoState, issue: StoredIssue): JsonObject {
  const api = repoApiUrl(urls, repo);
  const url = `${api}/issues/${issue.number}`;
  const html = `${urls.html}/${repo.fullName}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`;
  const milestone = repo.milestones.find((m) => m.number === issue.milestone);
  const assignees = issue.assignees.map((login) => userObject(urls, userNamed(login)));
  const parent = issue.parentId === null ? undefined : repo.issueById(issue.parentId);
  const object: JsonObject = {
    id: issue.id,
    node_id: nodeId('Issue', issue.id),
    url,
    repository_url: api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userObject(urls, userNamed(issue.user)),
    labels: issue.labels.map((name) => labelObject(urls, repo, repo.ensureLabel(name))),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: milestone ? milestoneObject(urls, repo, milestone) : null,
    locked: false,
    active_lock_reason: null,
    comments: issue.comments.length,
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_by: null,
    author_association: authorAssociation(repo, issue.user),
    reactions: reactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    ...relationSummaries(repo, issue),
  };
  if (parent) object.parent_issue_url = `${api}/issues/${parent.number}`;
  if (issue.pullRequest) object.pull_request = pullRequestLinks(urls, repo, issue);
  return object;
}

function pullRequestLinks(urls: Urls, repo: RepoState, issue: StoredIssue): JsonObject {
  const html = `${urls.html}/${repo.fullName}/pull/${issue.number}`;
  return {
    url: `${repoApiUrl(urls, repo)}/pulls/${issue.number}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    merged_at: issue.pullRequest?.mergedAt ?? null,
  };
}

export function commentObject(
  urls: Urls,
  repo: RepoState,
  issue: StoredIssue,
  comment: StoredComment,
): JsonObject {
  const api = repoApiUrl(urls, repo);
  const url = `${api}/issues/comments/${comment.id}`;
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url,
    html_url: `${urls.html}/${repo.fullName}/issues/${issue.number}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userObject(urls, userNamed(comment.user)),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${api}/issues/${issue.number}`,
    author_association: authorAssociation(repo, comment.user),
    performed_via_github_app: null,
    reactions: reactions(url),
  };
}
