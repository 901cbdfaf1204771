import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultEngine, type SimFaults } from './faults.js';
import type { FileChanges } from './git.js';
import type { LogEntry, ServerContext, Violation } from './http-utils.js';
import { createIssue, type IssueInput } from './issue-store.js';
import { APP_PRIVATE_KEY } from './keys.js';
import { loadOpenApi } from './openapi.js';
import { createPull, mergePull, type PullInput } from './pull-store.js';
import { commitToBranch } from './repo-actions.js';
import { RepoView } from './repo-view.js';
import { appRoutes } from './routes-app.js';
import { assigneeRoutes } from './routes-assignees.js';
import { checkRoutes } from './routes-checks.js';
import { contentRoutes } from './routes-contents.js';
import { gitRoutes } from './routes-git.js';
import { issueRoutes } from './routes-issues.js';
import { labelRoutes } from './routes-labels.js';
import { milestoneRoutes } from './routes-milestones.js';
import { pullRoutes } from './routes-pulls.js';
import { relationRoutes } from './routes-relations.js';
import { handleRequest } from './server.js';
import { HUMAN, type RepoOptions, RepoState, SimState, type StoredIssue } from './state.js';
import { type DeliveryTarget, deliver, pullRequestPayload, pushPayload } from './webhooks.js';

export type { FaultRule, SimFaults } from './faults.js';
export type { LogEntry, Violation } from './http-utils.js';
export { APP_PRIVATE_KEY } from './keys.js';
export type { RepoView } from './repo-view.js';
export type { StoredCheckRun, StoredIssue } from './state.js';
export * as webhooks from './webhooks.js';

export interface SimOptions {
  /** Milliseconds since the epoch; inject to control rate-limit windows and timestamps. */
  clock?: () => number;
  /** Check every 2xx answer against GitHub's response schema and record mismatches as violations. */
  validateResponses?: boolean;
  faults?: Partial<SimFaults>;
}
export interface PushOptions {
  repo: string;
  branch?: string;
  /** path → new content, or null to delete the file. */
  files: FileChanges;
  message?: string;
  author?: string;
  deliverTo?: DeliveryTarget;
}
export interface Counters {
  reads: number;
  writes: number;
  contentCreating: number;
  total: number;
  /** Reads answered 304 Not Modified: requests all the same, but GitHub does not count them against the rate limit. */
  notModified: number;
}

const ROUTES = {
  ...appRoutes,
  ...gitRoutes,
  ...contentRoutes,
  ...issueRoutes,
  ...labelRoutes,
  ...relationRoutes,
  ...milestoneRoutes,
  ...assigneeRoutes,
  ...pullRoutes,
  ...checkRoutes,
};

/** A stateful, schema-checked GitHub REST simulator listening on 127.0.0.1. */
export class GitHubSim {
  readonly state: SimState;
  readonly faults: SimFaults;
  readonly log: LogEntry[] = [];
  readonly violations: Violation[] = [];
  readonly appId: number;
  readonly privateKey = APP_PRIVATE_KEY;
  readonly #server: Server;
  readonly #context: ServerContext;

  constructor(server: Server, options: SimOptions, port: number) {
    this.#server = server;
    const html = `http://127.0.0.1:${port}`;
    this.state = new SimState({ api: `${html}/api/v3`, html }, options.clock ?? Date.now);
    this.appId = this.state.appId;
    this.faults = { rules: [], seed: 1, ...options.faults };
    this.#context = {
      sim: this.state,
      api: loadOpenApi(),
      faults: new FaultEngine(this.faults),
      routes: ROUTES,
      log: this.log,
      violations: this.violations,
      validateResponses: options.validateResponses ?? false,
      inFlight: 0,
    };
    server.on('request', (request, response) => {
      void handleRequest(this.#context, request, response);
    });
  }

  get url(): string {
    return this.state.urls.html;
  }
  get apiUrl(): string {
    return this.state.urls.api;
  }
  get host(): string {
    return new URL(this.url).host;
  }

  createRepo(fullName: string, options: RepoOptions = {}): RepoView {
    if (this.state.repo(fullName)) throw new Error(`repository ${fullName} exists`);
    const repo = new RepoState(this.state, fullName, options);
    this.state.repos.set(fullName.toLowerCase(), repo);
    return new RepoView(repo);
  }

  repo(fullName: string): RepoView {
    return new RepoView(this.#repo(fullName));
  }

  installationId(fullName: string): number {
    return this.#repo(fullName).installationId;
  }

  #repo(fullName: string): RepoState {
    const repo = this.state.repo(fullName);
    if (!repo) throw new Error(`no simulated repository ${fullName}`);
    return repo;
  }

  /** Opens an issue as a human (octocat unless `user` says otherwise). */
  createIssue(fullName: string, input: IssueInput, user = HUMAN.login): StoredIssue {
    return createIssue(this.state, this.#repo(fullName), input, user);
  }

  createPullRequest(fullName: string, input: PullInput, user = HUMAN.login): StoredIssue {
    return createPull(this.state, this.#repo(fullName), input, user);
  }

  /** Merges with a merge commit and, when asked, delivers `pull_request.closed` with `merged: true`. */
  async mergePullRequest(fullName: string, number: number, deliverTo?: DeliveryTarget) {
    const repo = this.#repo(fullName);
    const issue = repo.issue(number);
    if (!issue) throw new Error(`no pull request #${number} in ${fullName}`);
    const sha = mergePull(this.state, repo, issue, HUMAN.login);
    const status = deliverTo
      ? await deliver(
          deliverTo.url,
          deliverTo.secret,
          'pull_request',
          pullRequestPayload(this.state, repo, issue, 'closed'),
        )
      : undefined;
    return { sha, status };
  }

  deleteBranch(fullName: string, branch: string): void {
    this.#repo(fullName).branches.delete(branch);
  }

  /** Commits files to a branch (created from the default branch if needed) and delivers the push event. */
  async push(options: PushOptions): Promise<{ sha: string; status: number | undefined }> {
    const repo = this.#repo(options.repo);
    const branch = options.branch ?? repo.defaultBranch;
    const author = options.author ?? HUMAN.login;
    const { before, commit, created } = commitToBranch(
      repo,
      branch,
      options.files,
      options.message ?? 'Update files',
      author,
    );
    if (!options.deliverTo) return { sha: commit.sha, status: undefined };
    const payload = pushPayload(this.state, repo, {
      branch,
      // a new branch's push reports the zero sha as `before`
      before: created ? '0000000000000000000000000000000000000000' : before.sha,
      after: commit.sha,
      commits: [commit],
      created,
    });
    const status = await deliver(options.deliverTo.url, options.deliverTo.secret, 'push', payload);
    return { sha: commit.sha, status };
  }

  /** Primary rate-limit points spent in the current window (a 304 gives its point back, as on GitHub). */
  rateLimitUsed(): number {
    return this.#context.faults.peek()?.used ?? 0;
  }

  counters(): Counters {
    const reads = this.log.filter((entry) => !entry.contentCreating).length;
    const writes = this.log.length - reads;
    const notModified = this.log.filter((entry) => entry.status === 304).length;
    return { reads, writes, contentCreating: writes, total: this.log.length, notModified };
  }

  resetLog(): void {
    this.log.length = 0;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}

export async function startGitHubSim(options: SimOptions = {}): Promise<GitHubSim> {
  const server = createServer();
  // allow many concurrent sockets: the secondary-limit fault counts them, the OS should not
  server.maxConnections = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new GitHubSim(server, options, port);
}

/** Helper for changing commits without a push event (e.g. preparing a PR branch). */
export function commitFiles(
  sim: GitHubSim,
  fullName: string,
  branch: string,
  files: FileChanges,
  message = 'Update files',
) {
  return commitToBranch(sim.state.repo(fullName)!, branch, files, message, HUMAN.login).commit.sha;
}
