import type { JsonObject } from './objects-base.js';
import { SimError } from './route-types.js';
import type { RepoState, SimState, StateReason, StoredIssue } from './state.js';

export interface IssueInput {
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  milestone?: number | null;
}

export function createIssue(sim: SimState, repo: RepoState, input: IssueInput, user: string): StoredIssue {
  const now = sim.isoNow();
  const issue: StoredIssue = {
    id: sim.nextId(),
    number: repo.nextNumber,
    title: input.title,
    body: input.body ?? null,
    state: 'open',
    stateReason: null,
    labels: [],
    assignees: input.assignees ?? [],
    milestone: input.milestone ?? null,
    user,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    comments: [],
    parentId: null,
    subIssueIds: [],
    blockedByIds: [],
  };
  repo.nextNumber += 1;
  setLabels(repo, issue, input.labels ?? []);
  repo.issues.push(issue);
  return issue;
}

/** Labels arrive as names or `{ name }` objects; unknown names are created as GitHub does. */
export function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item) => (typeof item === 'string' ? item : (item as { name?: unknown })?.name))
    .filter((name): name is string => typeof name === 'string' && name.length > 0);
}

export function setLabels(repo: RepoState, issue: StoredIssue, names: string[]): void {
  const unique: string[] = [];
  for (const name of names) {
    const label = repo.ensureLabel(name);
    if (!unique.includes(label.name)) unique.push(label.name);
  }
  issue.labels = unique;
}

function applyState(sim: SimState, issue: StoredIssue, state: unknown, reason: unknown): void {
  if (state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.closedAt = sim.isoNow();
    issue.stateReason = (typeof reason === 'string' ? reason : 'completed') as StateReason;
  } else if (state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.closedAt = null;
    issue.stateReason = 'reopened';
  } else if (typeof reason === 'string' && issue.state === 'closed') {
    issue.stateReason = reason as StateReason;
  }
}

/** Applies a PATCH body; only the fields present change, and `updated_at` moves. */
export function updateIssue(sim: SimState, repo: RepoState, issue: StoredIssue, body: JsonObject): void {
  if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
  if (body.body !== undefined) issue.body = typeof body.body === 'string' ? body.body : null;
  if (body.labels !== undefined) setLabels(repo, issue, labelNames(body.labels));
  if (Array.isArray(body.assignees)) issue.assignees = assigneeLogins(repo, body.assignees);
  if (body.milestone !== undefined) issue.milestone = milestoneNumber(repo, body.milestone);
  applyState(sim, issue, body.state, body.state_reason);
  issue.updatedAt = sim.isoNow();
}

/** An issue write naming someone who cannot be assigned is refused as a whole, as GitHub does. */
export function assigneeLogins(repo: RepoState, value: unknown[]): string[] {
  const logins = value.filter((login): login is string => typeof login === 'string');
  const refused = logins.find((login) => !repo.canAssign(login));
  if (refused !== undefined) {
    throw new SimError(422, 'Validation Failed', [
      { resource: 'Issue', field: 'assignees', code: 'invalid', message: `${refused} cannot be assigned` },
    ]);
  }
  return [...new Set(logins)];
}

export function milestoneNumber(repo: RepoState, value: unknown): number | null {
  if (value === null) return null;
  const number = Number(value);
  if (!repo.milestones.some((milestone) => milestone.number === number)) {
    throw new SimError(422, 'Validation Failed', [
      { resource: 'Issue', field: 'milestone', code: 'invalid' },
    ]);
  }
  return number;
}
