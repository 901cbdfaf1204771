import { GatewayBase, MAX_PER_PAGE } from './gateway-base.js';

/** A pull request as spec-sync reads it. */
export interface PullRequestSnapshot {
  number: number;
  title: string;
  body: string | null;
  headBranch: string;
  baseBranch: string;
  headSha: string;
  /** Still open (neither merged nor closed). */
  open: boolean;
  merged: boolean;
  /** The commit the merge made on the base branch, when merged. */
  mergeCommitSha: string | null;
}

/** Pull requests: reading merged ones, opening one when a branch refuses direct commits. */
export class PullsGateway extends GatewayBase {
  async createPullRequest(input: {
    title: string;
    head: string;
    base: string;
    body: string;
  }): Promise<number> {
    const { data } = await this.call('open pull request', () =>
      this.client.rest.pulls.create({ ...this.ref, ...input, request: { retries: 0 } }),
    );
    return data.number;
  }

  /** The open pull request from `head` into `base` in this repository, or null. */
  async findOpenPullRequest(head: string, base: string): Promise<number | null> {
    const { data } = await this.call(`find pull request from ${head}`, () =>
      this.client.rest.pulls.list({ ...this.ref, head: `${this.ref.owner}:${head}`, base, state: 'open' }),
    );
    return data[0]?.number ?? null;
  }

  async getPullRequest(pullNumber: number): Promise<PullRequestSnapshot> {
    const { data: pull } = await this.call(`read pull request #${pullNumber}`, () =>
      this.client.rest.pulls.get({ ...this.ref, pull_number: pullNumber }),
    );
    return {
      number: pull.number,
      title: pull.title,
      body: pull.body ?? null,
      headBranch: pull.head.ref,
      baseBranch: pull.base.ref,
      headSha: pull.head.sha,
      open: pull.state === 'open',
      merged: pull.merged === true,
      mergeCommitSha: pull.merge_commit_sha ?? null,
    };
  }

  async listPullRequestCommitMessages(pullNumber: number): Promise<string[]> {
    const commits = await this.call(`list commits of #${pullNumber}`, () =>
      this.client.paginate(this.client.rest.pulls.listCommits, {
        ...this.ref,
        pull_number: pullNumber,
        per_page: MAX_PER_PAGE,
      }),
    );
    return commits.map((commit) => commit.commit.message);
  }

  async listPullRequestPaths(pullNumber: number): Promise<string[]> {
    const files = await this.call(`list files of #${pullNumber}`, () =>
      this.client.paginate(this.client.rest.pulls.listFiles, {
        ...this.ref,
        pull_number: pullNumber,
        per_page: MAX_PER_PAGE,
      }),
    );
    return files.map((file) => file.filename);
  }
}
