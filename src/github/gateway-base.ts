import type { GitHubClient } from './client.js';
import { GitHubRequestError } from './errors.js';

/**
 * The gateway is the only code that knows GitHub's REST shapes. Methods are named for what spec-sync means
 * to do; pacing and rate-limit waits happen below, in the client's request hook (client.ts). It is layered
 * by resource (repository and files, issues, issue structure, pull requests, check runs), one file each;
 * `GitHubGateway` (gateway.ts) is the whole.
 */

export interface RepoRef {
  owner: string;
  repo: string;
}

/** GitHub's maximum page size for list endpoints. */
export const MAX_PER_PAGE = 100;

export class GatewayBase {
  constructor(
    protected readonly client: GitHubClient,
    readonly ref: RepoRef,
  ) {}

  /** Wraps an API failure with what we were doing, keeping GitHub's error (and its request id) as the cause. */
  protected async call<T>(what: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new GitHubRequestError(what, error);
    }
  }
}
