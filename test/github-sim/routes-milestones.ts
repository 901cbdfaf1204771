import type { JsonObject } from './objects-base.js';
import { milestoneObject } from './objects-issues.js';
import {
  intParam,
  listResponse,
  notFound,
  ok,
  type RouteTable,
  repoOf,
  SimError,
  type SimRequest,
  stringField,
} from './route-types.js';
import type { RepoState, StoredMilestone } from './state.js';

function sameTitleTaken(repo: RepoState, title: string, except?: StoredMilestone): void {
  if (repo.milestones.some((m) => m !== except && m.title === title)) {
    throw new SimError(422, 'Validation Failed', [
      { resource: 'Milestone', code: 'already_exists', field: 'title' },
    ]);
  }
}

function findMilestone(request: SimRequest, repo: RepoState): StoredMilestone {
  const number = intParam(request, 'milestone_number');
  const milestone = repo.milestones.find((m) => m.number === number);
  if (!milestone) throw notFound();
  return milestone;
}

function createMilestone(request: SimRequest) {
  const repo = repoOf(request);
  const title = stringField(request.body, 'title') ?? '';
  sameTitleTaken(repo, title);
  const milestone: StoredMilestone = {
    id: request.sim.nextId(),
    // Numbers are never reused, even after a milestone is deleted.
    number: Math.max(0, ...repo.milestones.map((m) => m.number), repo.deletedMilestones) + 1,
    title,
    description: stringField(request.body, 'description') ?? null,
    state: stringField(request.body, 'state') === 'closed' ? 'closed' : 'open',
    dueOn: stringField(request.body, 'due_on') ?? null,
    createdAt: request.sim.isoNow(),
  };
  repo.milestones.push(milestone);
  return ok(milestoneObject(request.sim.urls, repo, milestone), 201);
}

function applyMilestoneChanges(repo: RepoState, milestone: StoredMilestone, body: JsonObject): void {
  const title = stringField(body, 'title');
  if (title !== undefined) {
    sameTitleTaken(repo, title, milestone);
    milestone.title = title;
  }
  const state = stringField(body, 'state');
  if (state === 'open' || state === 'closed') milestone.state = state;
  if (body.description !== undefined) milestone.description = stringField(body, 'description') ?? null;
  if (body.due_on !== undefined) milestone.dueOn = stringField(body, 'due_on') ?? null;
}

export const milestoneRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}/milestones': (request) => {
    const repo = repoOf(request);
    const state = request.query.get('state') ?? 'open';
    const milestones = repo.milestones.filter((m) => state === 'all' || m.state === state);
    return listResponse(request, milestones, (m) => milestoneObject(request.sim.urls, repo, m));
  },
  'POST /repos/{owner}/{repo}/milestones': createMilestone,
  'GET /repos/{owner}/{repo}/milestones/{milestone_number}': (request) => {
    const repo = repoOf(request);
    return ok(milestoneObject(request.sim.urls, repo, findMilestone(request, repo)));
  },
  'PATCH /repos/{owner}/{repo}/milestones/{milestone_number}': (request) => {
    const repo = repoOf(request);
    const milestone = findMilestone(request, repo);
    applyMilestoneChanges(repo, milestone, request.body);
    return ok(milestoneObject(request.sim.urls, repo, milestone));
  },
  // Deleting a milestone leaves its issues without one.
  'DELETE /repos/{owner}/{repo}/milestones/{milestone_number}': (request) => {
    const repo = repoOf(request);
    const milestone = findMilestone(request, repo);
    for (const issue of repo.issues) if (issue.milestone === milestone.number) issue.milestone = null;
    repo.milestones.splice(repo.milestones.indexOf(milestone), 1);
    repo.deletedMilestones = Math.max(repo.deletedMilestones, milestone.number);
    return { status: 204 };
  },
};
