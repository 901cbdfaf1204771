import { MAX_PER_PAGE } from './gateway-base.js';
import { IssuesGateway } from './issues-gateway.js';

/** Pull requests: reading merged ones, opening one when a branch refuses direct commits. */
export class PullsGateway extends IssuesGateway {
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

  async getPullRequest(pullNumber: number) {
    const { data } = await this.call(`read pull request #${pullNumber}`, () =>
      this.client.rest.pulls.get({ ...this.ref, pull_number: pullNumber }),
    );
    return data;
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
