import { commentObject, labelObject } from './objects-issues.js';
import {
  listResponse,
  notFound,
  ok,
  type RouteTable,
  repoOf,
  SimError,
  type SimRequest,
  stringField,
} from './route-types.js';
import { findIssue } from './routes-issues.js';
import type { StoredLabel } from './state.js';

function createLabel(request: SimRequest) {
  const repo = repoOf(request);
  const name = stringField(request.body, 'name') ?? '';
  if (repo.label(name)) {
    throw new SimError(422, 'Validation Failed', [
      { resource: 'Label', code: 'already_exists', field: 'name' },
    ]);
  }
  const label: StoredLabel = {
    id: request.sim.nextId(),
    name,
    color: (stringField(request.body, 'color') ?? 'ededed').replace(/^#/, ''),
    description: stringField(request.body, 'description') ?? null,
  };
  repo.labels.push(label);
  return ok(labelObject(request.sim.urls, repo, label), 201);
}

function findLabel(request: SimRequest): StoredLabel {
  const label = repoOf(request).label(request.params.name ?? '');
  if (!label) throw notFound();
  return label;
}

function updateLabel(request: SimRequest) {
  const repo = repoOf(request);
  const label = findLabel(request);
  const newName = stringField(request.body, 'new_name');
  if (newName !== undefined) {
    for (const issue of repo.issues) issue.labels = issue.labels.map((n) => (n === label.name ? newName : n));
    label.name = newName;
  }
  const color = stringField(request.body, 'color');
  if (color !== undefined) label.color = color.replace(/^#/, '');
  if (request.body.description !== undefined)
    label.description = stringField(request.body, 'description') ?? null;
  return ok(labelObject(request.sim.urls, repo, label));
}

function createComment(request: SimRequest) {
  const repo = repoOf(request);
  const issue = findIssue(request, repo);
  const now = request.sim.isoNow();
  const comment = {
    id: request.sim.nextId(),
    body: String(request.body.body),
    user: request.actor.login,
    createdAt: now,
    updatedAt: now,
  };
  issue.comments.push(comment);
  issue.updatedAt = now;
  return ok(commentObject(request.sim.urls, repo, issue, comment), 201);
}

function updateComment(request: SimRequest) {
  const repo = repoOf(request);
  const id = Number(request.params.comment_id);
  for (const issue of repo.issues) {
    const comment = issue.comments.find((c) => c.id === id);
    if (!comment) continue;
    comment.body = String(request.body.body);
    comment.updatedAt = request.sim.isoNow();
    return ok(commentObject(request.sim.urls, repo, issue, comment));
  }
  throw notFound();
}

export const labelRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}/labels': (request) => {
    const repo = repoOf(request);
    return listResponse(request, repo.labels, (label) => labelObject(request.sim.urls, repo, label));
  },
  'POST /repos/{owner}/{repo}/labels': createLabel,
  'GET /repos/{owner}/{repo}/labels/{name}': (request) =>
    ok(labelObject(request.sim.urls, repoOf(request), findLabel(request))),
  'PATCH /repos/{owner}/{repo}/labels/{name}': updateLabel,
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': (request) => {
    const repo = repoOf(request);
    const issue = findIssue(request, repo);
    return listResponse(request, issue.comments, (c) => commentObject(request.sim.urls, repo, issue, c));
  },
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': createComment,
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': updateComment,
};
