import type { AppClient } from './app-hook-gateway.js';
import { MAX_PER_PAGE } from './gateway-base.js';

/** A repository an installation reaches, as `GET /installation/repositories` lists it. */
export interface InstalledRepository {
  owner: string;
  repo: string;
  defaultBranch: string;
  htmlUrl: string;
}

interface InstallationItem {
  id: number;
  suspended_at?: string | null;
}

interface RepositoryItem {
  name: string;
  owner: { login: string };
  default_branch?: string;
  html_url: string;
  archived?: boolean;
  disabled?: boolean;
}

/**
 * The app's installations (with the app's JWT client) and an installation's repositories (with that
 * installation's client), at most `pages` pages of 100 each: a bound on the cost of one listing.
 */
export class AppInstallationsGateway {
  constructor(private readonly client: AppClient) {}

  /** Ids of the installations that can act: a suspended one cannot get a token (GitHub answers 403). */
  async listInstallationIds(pages: number): Promise<number[]> {
    const items = await this.#pages<InstallationItem>('GET /app/installations', pages, (data) => data);
    return items.filter((item) => !item.suspended_at).map((item) => item.id);
  }

  /**
   * The repositories this client's installation reaches (the client must be that installation's). An archived
   * or disabled repository is left out: its issues and files are read-only.
   */
  async listRepositories(pages: number): Promise<InstalledRepository[]> {
    const items = await this.#pages<RepositoryItem>(
      'GET /installation/repositories',
      pages,
      (data) => (data as { repositories: RepositoryItem[] }).repositories,
    );
    return items
      .filter((item) => !item.archived && !item.disabled && item.default_branch)
      .map((item) => ({
        owner: item.owner.login,
        repo: item.name,
        defaultBranch: item.default_branch!,
        htmlUrl: item.html_url,
      }));
  }

  async #pages<T>(route: string, pages: number, itemsOf: (data: unknown) => unknown): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; page <= pages; page += 1) {
      const { data, headers } = await this.client.request(route, { per_page: MAX_PER_PAGE, page });
      all.push(...(itemsOf(data) as T[]));
      if (!/rel="next"/.test(String(headers.link ?? ''))) break;
    }
    return all;
  }
}
