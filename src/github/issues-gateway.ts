import { GitHubRequestError, isStatus } from './errors.js';
import { GatewayBase, MAX_PER_PAGE } from './gateway-base.js';

export interface IssueSnapshot {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  htmlUrl: string;
  /** Login of whoever opened the issue (`spec-sync[bot]` for the issues spec-sync opens). */
  author: string | null;
  /** Logins the issue is assigned to (absent where a listing does not say). */
  assignees?: string[];
  /** The title of the issue's milestone, or null. */
  milestone?: string | null;
}

export interface LabelSpec {
  name: string;
  color: string;
  description?: string;
}

/** Issues, their comments and the repository's labels. */
export class IssuesGateway extends GatewayBase {
  readonly #labels = new Map<string, Promise<Set<string>>>();

  /** Issues carrying a label, in every state, pull requests left out. Never the Search API: it lags. */
  async listIssuesWithLabel(label: string, since?: string): Promise<IssueSnapshot[]> {
    const issues = await this.call(`list issues labelled ${label}`, () =>
      this.client.paginate(this.client.rest.issues.listForRepo, {
        ...this.ref,
        labels: label,
        state: 'all',
        per_page: MAX_PER_PAGE,
        ...(since ? { since } : {}),
      }),
    );
    return issues.filter((issue) => !issue.pull_request).map(toSnapshot);
  }

  /**
   * Whether any issue or pull request carries a label, in one request of one item: enough to tell a spec
   * spec-sync keeps issues for from one it never synced, without listing them all.
   */
  async hasIssuesWithLabel(label: string): Promise<boolean> {
    const { data } = await this.call(`look for issues labelled ${label}`, () =>
      this.client.rest.issues.listForRepo({ ...this.ref, labels: label, state: 'all', per_page: 1 }),
    );
    return data.length > 0;
  }

  /** Issues opened by one account, in every state, pull requests left out. */
  async listIssuesOpenedBy(login: string): Promise<IssueSnapshot[]> {
    const issues = await this.call(`list issues opened by ${login}`, () =>
      this.client.paginate(this.client.rest.issues.listForRepo, {
        ...this.ref,
        creator: login,
        state: 'all',
        per_page: MAX_PER_PAGE,
      }),
    );
    return issues.filter((issue) => !issue.pull_request).map(toSnapshot);
  }

  async getIssue(issueNumber: number): Promise<IssueSnapshot> {
    const { data } = await this.call(`read issue #${issueNumber}`, () =>
      this.client.rest.issues.get({ ...this.ref, issue_number: issueNumber }),
    );
    return toSnapshot(data);
  }

  /**
   * Creates an issue without retries: a create whose response was lost may still have happened, so the
   * caller looks for it (by its marker) before trying again, rather than letting a retry make a duplicate.
   */
  async createIssue(input: { title: string; body: string; labels: string[] }): Promise<IssueSnapshot> {
    const { data } = await this.call('create issue', () =>
      this.client.rest.issues.create({ ...this.ref, ...input, request: { retries: 0 } }),
    );
    return toSnapshot(data);
  }

  async updateIssue(
    issueNumber: number,
    changes: {
      title?: string;
      body?: string;
      state?: 'open' | 'closed';
      stateReason?: 'completed' | 'not_planned' | 'reopened' | null;
      labels?: string[];
    },
  ): Promise<IssueSnapshot> {
    const { stateReason, ...rest } = changes;
    const body = stateReason === undefined ? rest : { ...rest, state_reason: stateReason };
    const { data } = await this.call(`update issue #${issueNumber}`, () =>
      this.client.rest.issues.update({ ...this.ref, issue_number: issueNumber, ...body }),
    );
    return toSnapshot(data);
  }

  async commentOnIssue(issueNumber: number, body: string): Promise<void> {
    await this.call(`comment on #${issueNumber}`, () =>
      this.client.rest.issues.createComment({
        ...this.ref,
        issue_number: issueNumber,
        body,
        request: { retries: 0 },
      }),
    );
  }

  /**
   * Keeps one comment carrying `marker`: edits it when it differs, creates it when absent
   * (unless `onlyUpdate`, for a comment that only matters once it exists: then `absent`).
   */
  async ensureComment(
    issueNumber: number,
    marker: string,
    body: string,
    options: { onlyUpdate?: boolean } = {},
  ): Promise<'created' | 'updated' | 'unchanged' | 'absent'> {
    const comments = await this.call(`list comments on #${issueNumber}`, () =>
      this.client.paginate(this.client.rest.issues.listComments, {
        ...this.ref,
        issue_number: issueNumber,
        per_page: MAX_PER_PAGE,
      }),
    );
    const mine = comments.find((comment) => comment.body?.includes(marker));
    if (mine?.body === body) return 'unchanged';
    if (mine) {
      await this.call('update comment', () =>
        this.client.rest.issues.updateComment({ ...this.ref, comment_id: mine.id, body }),
      );
      return 'updated';
    }
    if (options.onlyUpdate) return 'absent';
    await this.commentOnIssue(issueNumber, body);
    return 'created';
  }

  /** Creates the labels that do not exist yet, with their colours; reads the repository's labels once. */
  async ensureLabels(labels: LabelSpec[]): Promise<number> {
    const existing = await this.#existingLabels();
    let created = 0;
    for (const label of labels) {
      if (existing.has(label.name.toLowerCase())) continue;
      try {
        await this.client.rest.issues.createLabel({ ...this.ref, ...label });
        created += 1;
      } catch (error) {
        // Another sync created it in the meantime: that is the outcome we wanted.
        if (!isStatus(error, 422)) throw new GitHubRequestError(`create label ${label.name}`, error);
      }
      existing.add(label.name.toLowerCase());
    }
    return created;
  }

  #existingLabels(): Promise<Set<string>> {
    const key = `${this.ref.owner}/${this.ref.repo}`;
    let labels = this.#labels.get(key);
    if (!labels) {
      labels = this.call('list labels', () =>
        this.client.paginate(this.client.rest.issues.listLabelsForRepo, {
          ...this.ref,
          per_page: MAX_PER_PAGE,
        }),
      ).then((list) => new Set(list.map((label) => label.name.toLowerCase())));
      this.#labels.set(key, labels);
    }
    return labels;
  }
}

interface RawIssue {
  number: number;
  id: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels: Array<string | { name?: string }>;
  html_url: string;
  user?: { login: string } | null;
  assignees?: Array<{ login: string }> | null;
  milestone?: { title: string } | null;
}

export function toSnapshot(issue: RawIssue): IssueSnapshot {
  return {
    number: issue.number,
    id: issue.id,
    title: issue.title,
    body: issue.body ?? null,
    state: issue.state === 'closed' ? 'closed' : 'open',
    stateReason: issue.state_reason ?? null,
    labels: issue.labels.flatMap((label) => {
      const name = typeof label === 'string' ? label : label.name;
      return name ? [name] : [];
    }),
    htmlUrl: issue.html_url,
    author: issue.user?.login ?? null,
    assignees: (issue.assignees ?? []).map((user) => user.login),
    milestone: issue.milestone?.title ?? null,
  };
}
