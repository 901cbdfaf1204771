import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { diffTrees, type StoredCommit } from './git.js';
import { type JsonObject, nodeId, repoObject, userObject } from './objects-base.js';
import { issueObject } from './objects-issues.js';
import { checkRunObject, pullObject } from './objects-pulls.js';
import {
  HUMAN,
  type RepoState,
  type SimState,
  type SimUser,
  type StoredCheckRun,
  type StoredIssue,
} from './state.js';

interface ExampleGroup {
  name: string;
  examples: JsonObject[];
}
export type WebhookName = 'push' | 'pull_request' | 'issues' | 'check_run' | 'check_suite' | 'installation';

let examples: ExampleGroup[] | undefined;

function loadExamples(): ExampleGroup[] {
  if (!examples) {
    const require = createRequire(import.meta.url);
    let file = 'node_modules/@octokit/webhooks-examples/api.github.com/index.json';
    try {
      file = require.resolve('@octokit/webhooks-examples/api.github.com/index.json');
    } catch {
      // fall back to the working directory
    }
    examples = JSON.parse(readFileSync(file, 'utf8')) as ExampleGroup[];
  }
  return examples;
}

/** A deep copy of the first real example payload for this event and action. */
export function examplePayload(name: WebhookName, action?: string): JsonObject {
  const group = loadExamples().find((g) => g.name === name);
  const found = group?.examples.find((example) => action === undefined || example.action === action);
  if (!found) throw new Error(`no webhook example for ${name}${action ? `.${action}` : ''}`);
  return structuredClone(found);
}

/** Replaces the example's repository, installation and sender with the simulator's. */
function rebase(sim: SimState, repo: RepoState, payload: JsonObject, sender: SimUser): JsonObject {
  const example = (payload.repository ?? {}) as JsonObject;
  const ours = repoObject(sim.urls, repo);
  payload.repository = {
    ...example,
    ...ours,
    created_at: example.created_at ?? ours.created_at,
    pushed_at: example.pushed_at ?? ours.pushed_at,
  };
  payload.installation = { id: repo.installationId, node_id: nodeId('Installation', repo.installationId) };
  payload.sender = userObject(sim.urls, sender);
  delete payload.organization;
  delete payload.enterprise;
  return payload;
}

function pushCommit(sim: SimState, repo: RepoState, commit: StoredCommit): JsonObject {
  const parent = repo.commits.get(commit.parents[0] ?? '');
  const changes = diffTrees(parent?.tree ?? new Map(), commit.tree);
  const paths = (status: string) => changes.filter((c) => c.status === status).map((c) => c.path);
  const person = {
    name: commit.author,
    email: `${commit.author}@users.noreply.github.com`,
    username: commit.author,
  };
  return {
    id: commit.sha,
    tree_id: commit.treeSha,
    distinct: true,
    message: commit.message,
    timestamp: commit.date,
    url: `${sim.urls.html}/${repo.fullName}/commit/${commit.sha}`,
    author: person,
    committer: person,
    added: paths('added'),
    removed: paths('removed'),
    modified: paths('modified'),
  };
}

export interface PushInput {
  branch: string;
  before: string;
  after: string;
  /** New commits, oldest first. */
  commits: StoredCommit[];
  created?: boolean;
  deleted?: boolean;
  forced?: boolean;
  sender?: SimUser;
}

export function pushPayload(sim: SimState, repo: RepoState, input: PushInput): JsonObject {
  const payload = rebase(sim, repo, examplePayload('push'), input.sender ?? HUMAN);
  const commits = input.commits.map((commit) => pushCommit(sim, repo, commit));
  Object.assign(payload, {
    ref: `refs/heads/${input.branch}`,
    before: input.before,
    after: input.after,
    created: input.created ?? false,
    deleted: input.deleted ?? false,
    forced: input.forced ?? false,
    base_ref: null,
    compare: `${sim.urls.html}/${repo.fullName}/compare/${input.before.slice(0, 12)}...${input.after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
    pusher: { name: (input.sender ?? HUMAN).login, email: null },
  });
  return payload;
}

export type PullRequestAction = 'opened' | 'closed' | 'edited' | 'synchronize' | 'reopened';

export function pullRequestPayload(
  sim: SimState,
  repo: RepoState,
  issue: StoredIssue,
  action: PullRequestAction,
  extra: JsonObject = {},
): JsonObject {
  const pull = issue.pullRequest;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  // there is no merged example: closed + merged fields come from the simulator's state
  const payload = rebase(
    sim,
    repo,
    examplePayload('pull_request', action === 'edited' ? 'opened' : action),
    HUMAN,
  );
  return {
    ...payload,
    action,
    number: issue.number,
    pull_request: pullObject(sim.urls, repo, issue, pull, true),
    ...extra,
  };
}

export type IssuesAction = 'opened' | 'closed' | 'reopened' | 'edited';

export function issuesPayload(
  sim: SimState,
  repo: RepoState,
  issue: StoredIssue,
  action: IssuesAction,
  extra: JsonObject = {},
): JsonObject {
  // there is no issues.closed example: the opened one carries the same shape
  const payload = rebase(sim, repo, examplePayload('issues', action === 'closed' ? 'opened' : action), HUMAN);
  return { ...payload, action, issue: issueObject(sim.urls, repo, issue), ...extra };
}

export function checkRunPayload(
  sim: SimState,
  repo: RepoState,
  run: StoredCheckRun,
  action: 'rerequested' | 'requested_action' | 'created' | 'completed',
  identifier?: string,
): JsonObject {
  const payload = rebase(sim, repo, examplePayload('check_run', action), HUMAN);
  const example = (payload.check_run ?? {}) as JsonObject;
  const ours = checkRunObject(sim.urls, repo, run, sim.appId);
  const suite = {
    ...((example.check_suite ?? {}) as JsonObject),
    id: (ours.check_suite as JsonObject).id,
    head_sha: run.headSha,
    app: ours.app,
  };
  payload.check_run = { ...example, ...ours, check_suite: suite };
  if (action === 'requested_action') payload.requested_action = { identifier: identifier ?? '' };
  return payload;
}

export function checkSuitePayload(
  sim: SimState,
  repo: RepoState,
  headSha: string,
  headBranch: string | null,
  action: 'requested' | 'rerequested',
): JsonObject {
  const payload = rebase(sim, repo, examplePayload('check_suite', action), HUMAN);
  const example = (payload.check_suite ?? {}) as JsonObject;
  payload.check_suite = {
    ...example,
    head_sha: headSha,
    head_branch: headBranch,
    before: null,
    after: headSha,
    pull_requests: [],
  };
  return payload;
}

export function installationPayload(sim: SimState, repos: RepoState[]): JsonObject {
  const first = repos[0];
  if (!first) throw new Error('an installation needs at least one repository');
  const payload = rebase(sim, first, examplePayload('installation', 'created'), HUMAN);
  delete payload.repository;
  const installation = (payload.installation ?? {}) as JsonObject;
  payload.installation = {
    ...((examplePayload('installation', 'created').installation ?? {}) as JsonObject),
    ...installation,
    app_id: sim.appId,
  };
  payload.repositories = repos.map((r) => ({
    id: r.id,
    node_id: nodeId('Repository', r.id),
    name: r.name,
    full_name: r.fullName,
    private: r.private,
  }));
  return payload;
}

export interface DeliveryTarget {
  url: string;
  secret: string;
}

export function signPayload(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs a webhook like GitHub does (signed, with event and delivery headers); returns the HTTP status. */
export async function deliver(
  url: string,
  secret: string,
  name: string,
  payload: JsonObject,
): Promise<number> {
  const body = JSON.stringify(payload);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/sim',
      'x-github-event': name,
      'x-github-delivery': randomUUID(),
      'x-github-hook-id': '1',
      'x-hub-signature-256': signPayload(secret, body),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** The push event of a commit already on a branch, with the commit as its only new one. */
export function commitPushPayload(sim: SimState, repo: RepoState, sha: string, branch: string): JsonObject {
  const commit = repo.commits.get(sha);
  if (!commit) throw new Error(`no commit ${sha}`);
  return pushPayload(sim, repo, {
    branch,
    before: commit.parents[0] ?? '0'.repeat(40),
    after: sha,
    commits: [commit],
  });
}
