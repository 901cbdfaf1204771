import { ChecksGateway } from './checks-gateway.js';
import type { GitHubClient } from './client.js';
import type { RepoRef } from './gateway-base.js';
import { IssueStructureGateway } from './issue-structure-gateway.js';
import { IssuesGateway } from './issues-gateway.js';
import { PullsGateway } from './pulls-gateway.js';
import { RepoGateway } from './repo-gateway.js';

export type { CheckRunResult, CheckRunSlot, CheckRunTarget } from './checks-gateway.js';
export { MAX_PER_PAGE, type RepoRef } from './gateway-base.js';
export type { SubIssuePlace } from './issue-structure-gateway.js';
export type { IssueSnapshot, LabelSpec } from './issues-gateway.js';
export type { PullRequestSnapshot } from './pulls-gateway.js';
export type { FileContent, WriteFileResult } from './repo-gateway.js';

/**
 * The gateway is a set of narrow interfaces, one per resource; a use case names the ones it needs, and
 * tests give it an in-memory one (test/sync/memory-gateway.ts). Each is the public face of one class below.
 */
type Face<T> = { [K in keyof T]: T[K] };
/** The repository, its branches and its files. */
export type RepositoryFiles = Face<RepoGateway>;
/** Issues, their comments, and the repository's labels. */
export type IssuesAndLabels = Omit<Face<IssuesGateway>, 'ref'>;
/** Sub-issues, blocked-by relations, assignees and milestones of issues. */
export type IssueStructure = Omit<Face<IssueStructureGateway>, 'ref'>;
/** Pull requests. */
export type PullRequests = Omit<Face<PullsGateway>, 'ref'>;
/** Check runs. */
export type CheckRuns = Omit<Face<ChecksGateway>, 'ref'>;

/** Everything spec-sync asks of GitHub, composed from the resources. */
export type GitHubGateway = RepositoryFiles & IssuesAndLabels & IssueStructure & PullRequests & CheckRuns;

/** The gateway over a real client: one object per resource, their methods joined into one. */
export function createGitHubGateway(client: GitHubClient, ref: RepoRef): GitHubGateway {
  return {
    ...methodsOf(new RepoGateway(client, ref)),
    ...methodsOf(new IssuesGateway(client, ref)),
    ...methodsOf(new IssueStructureGateway(client, ref)),
    ...methodsOf(new PullsGateway(client, ref)),
    ...methodsOf(new ChecksGateway(client, ref)),
    ref,
  } as GitHubGateway;
}

/**
 * An instance's own methods, bound to it, and its getters' values (they are fixed per repository); the
 * shared `call` helper of the base class stays out.
 */
function methodsOf(instance: object): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(instance))) {
    if (name === 'constructor') continue;
    const value = (instance as Record<string, unknown>)[name];
    methods[name] = typeof value === 'function' ? value.bind(instance) : value;
  }
  return methods;
}
