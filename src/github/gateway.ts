import { type Annotation, chunkAnnotations } from '../core/render/check-limits.js';
import type { GitHubClient } from './client.js';
import { GitHubRequestError, isStatus } from './errors.js';

/**
 * The only code that knows GitHub's REST shapes. Methods are named for what spec-sync means to do;
 * pacing and rate-limit waits happen below, in the client's request hook (client.ts).
 */

export interface RepoRef {
  owner: string;
  repo: string;
}

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
}

export interface FileContent {
  text: string;
  /** The blob sha: the precondition for writing the file back. */
  sha: string;
}

export interface LabelSpec {
  name: string;
  color: string;
  description?: string;
}

export type WriteFileResult =
  | { status: 'written'; commitSha: string }
  | { status: 'conflict' }
  | { status: 'rejected'; message: string };

/** GitHub's maximum page size for list endpoints. */
export const MAX_PER_PAGE = 100;

export class GitHubGateway {
  readonly #labels = new Map<string, Promise<Set<string>>>();

  constructor(
    private readonly client: GitHubClient,
    readonly ref: RepoRef,
  ) {}

  async getRepository(): Promise<{ defaultBranch: string; htmlUrl: string }> {
    const { data } = await this.#call('get repository', () => this.client.rest.repos.get({ ...this.ref }));
    return { defaultBranch: data.default_branch, htmlUrl: data.html_url };
  }

  /** The head commit of a branch, or null when the branch does not exist. */
  async getBranchHead(branch: string): Promise<string | null> {
    try {
      const { data } = await this.client.rest.git.getRef({ ...this.ref, ref: `heads/${branch}` });
      return data.object.sha;
    } catch (error) {
      if (isStatus(error, 404)) return null;
      throw new GitHubRequestError(`read branch ${branch}`, error);
    }
  }

  /** A file's text and blob sha at a ref, or null when it does not exist there. */
  async readFile(ref: string, path: string): Promise<FileContent | null> {
    try {
      const { data } = await this.client.rest.repos.getContent({ ...this.ref, path, ref });
      if (Array.isArray(data) || data.type !== 'file') return null;
      const text = await this.#fileText(data);
      return { text, sha: data.sha };
    } catch (error) {
      if (isStatus(error, 404)) return null;
      throw new GitHubRequestError(`read ${path} at ${ref}`, error);
    }
  }

  async #fileText(data: { content?: string; encoding?: string; sha: string }): Promise<string> {
    // The contents API leaves `content` empty for files over 1 MB; the blob API serves up to 100 MB.
    if (data.encoding === 'base64' && data.content)
      return Buffer.from(data.content, 'base64').toString('utf8');
    const { data: blob } = await this.client.rest.git.getBlob({ ...this.ref, file_sha: data.sha });
    return Buffer.from(blob.content, 'base64').toString('utf8');
  }

  /** The names of the files in a directory at a ref; empty when the directory does not exist. */
  async listDirectory(ref: string, path: string): Promise<string[]> {
    try {
      const { data } = await this.client.rest.repos.getContent({ ...this.ref, path, ref });
      return Array.isArray(data)
        ? data.filter((entry) => entry.type === 'file').map((entry) => entry.name)
        : [];
    } catch (error) {
      if (isStatus(error, 404)) return [];
      throw new GitHubRequestError(`list ${path} at ${ref}`, error);
    }
  }

  /** Paths changed between two commits (the compare API), for pushes whose payload does not list them. */
  async listChangedPaths(base: string, head: string): Promise<string[]> {
    const { data } = await this.#call('compare commits', () =>
      this.client.rest.repos.compareCommitsWithBasehead({ ...this.ref, basehead: `${base}...${head}` }),
    );
    return (data.files ?? []).flatMap((file) =>
      file.previous_filename ? [file.filename, file.previous_filename] : [file.filename],
    );
  }

  /** Every file path at a commit (the recursive tree). */
  async listPaths(ref: string): Promise<string[]> {
    const { data } = await this.#call('read tree', () =>
      this.client.rest.git.getTree({ ...this.ref, tree_sha: ref, recursive: 'true' }),
    );
    if (data.truncated)
      throw new Error(`The tree of ${ref} is too large for one request; name the specs in config.`);
    return data.tree.flatMap((entry) => (entry.type === 'blob' && entry.path ? [entry.path] : []));
  }

  /** Issues carrying a label, in every state, pull requests left out. Never the Search API: it lags. */
  async listIssuesWithLabel(label: string, since?: string): Promise<IssueSnapshot[]> {
    const issues = await this.#call(`list issues labelled ${label}`, () =>
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

  /** Issues opened by one account, in every state, pull requests left out. */
  async listIssuesOpenedBy(login: string): Promise<IssueSnapshot[]> {
    const issues = await this.#call(`list issues opened by ${login}`, () =>
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
    const { data } = await this.#call(`read issue #${issueNumber}`, () =>
      this.client.rest.issues.get({ ...this.ref, issue_number: issueNumber }),
    );
    return toSnapshot(data);
  }

  /**
   * Creates an issue without retries: a create whose response was lost may still have happened, so the
   * caller looks for it (by its marker) before trying again, rather than letting a retry make a duplicate.
   */
  async createIssue(input: { title: string; body: string; labels: string[] }): Promise<IssueSnapshot> {
    const { data } = await this.#call('create issue', () =>
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
      state_reason?: 'completed' | 'not_planned' | 'reopened' | null;
      labels?: string[];
    },
  ): Promise<IssueSnapshot> {
    const { data } = await this.#call(`update issue #${issueNumber}`, () =>
      this.client.rest.issues.update({ ...this.ref, issue_number: issueNumber, ...changes }),
    );
    return toSnapshot(data);
  }

  async commentOnIssue(issueNumber: number, body: string): Promise<void> {
    await this.#call(`comment on #${issueNumber}`, () =>
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
    const comments = await this.#call(`list comments on #${issueNumber}`, () =>
      this.client.paginate(this.client.rest.issues.listComments, {
        ...this.ref,
        issue_number: issueNumber,
        per_page: MAX_PER_PAGE,
      }),
    );
    const mine = comments.find((comment) => comment.body?.includes(marker));
    if (mine?.body === body) return 'unchanged';
    if (mine) {
      await this.#call('update comment', () =>
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
      labels = this.#call('list labels', () =>
        this.client.paginate(this.client.rest.issues.listLabelsForRepo, {
          ...this.ref,
          per_page: MAX_PER_PAGE,
        }),
      ).then((list) => new Set(list.map((label) => label.name.toLowerCase())));
      this.#labels.set(key, labels);
    }
    return labels;
  }

  /**
   * Writes a file with its blob sha as precondition. A 409 means the file moved on (the caller re-reads and
   * re-applies) or a rule refuses direct pushes (the caller opens a pull request): the caller tells them apart.
   */
  async writeFile(input: {
    branch: string;
    path: string;
    text: string;
    sha: string;
    message: string;
  }): Promise<WriteFileResult> {
    try {
      const { data } = await this.client.rest.repos.createOrUpdateFileContents({
        ...this.ref,
        path: input.path,
        branch: input.branch,
        sha: input.sha,
        message: input.message,
        content: Buffer.from(input.text, 'utf8').toString('base64'),
        // The retry plugin would retry a 409, which only a fresh read can resolve.
        request: { retries: 0 },
      });
      return { status: 'written', commitSha: data.commit.sha ?? '' };
    } catch (error) {
      if (isStatus(error, 409)) {
        const message = (error as Error).message;
        return /rule|protected|pull request/i.test(message)
          ? { status: 'rejected', message }
          : { status: 'conflict' };
      }
      if (isStatus(error, 403) || isStatus(error, 422))
        return { status: 'rejected', message: (error as Error).message };
      throw new GitHubRequestError(`write ${input.path} on ${input.branch}`, error);
    }
  }

  async createBranch(name: string, fromSha: string): Promise<void> {
    await this.#call(`create branch ${name}`, () =>
      this.client.rest.git.createRef({ ...this.ref, ref: `refs/heads/${name}`, sha: fromSha }),
    );
  }

  async createPullRequest(input: {
    title: string;
    head: string;
    base: string;
    body: string;
  }): Promise<number> {
    const { data } = await this.#call('open pull request', () =>
      this.client.rest.pulls.create({ ...this.ref, ...input, request: { retries: 0 } }),
    );
    return data.number;
  }

  /** The open pull request from `head` into `base` in this repository, or null. */
  async findOpenPullRequest(head: string, base: string): Promise<number | null> {
    const { data } = await this.#call(`find pull request from ${head}`, () =>
      this.client.rest.pulls.list({ ...this.ref, head: `${this.ref.owner}:${head}`, base, state: 'open' }),
    );
    return data[0]?.number ?? null;
  }

  async getPullRequest(pullNumber: number) {
    const { data } = await this.#call(`read pull request #${pullNumber}`, () =>
      this.client.rest.pulls.get({ ...this.ref, pull_number: pullNumber }),
    );
    return data;
  }

  async listPullRequestCommitMessages(pullNumber: number): Promise<string[]> {
    const commits = await this.#call(`list commits of #${pullNumber}`, () =>
      this.client.paginate(this.client.rest.pulls.listCommits, {
        ...this.ref,
        pull_number: pullNumber,
        per_page: MAX_PER_PAGE,
      }),
    );
    return commits.map((commit) => commit.commit.message);
  }

  async listPullRequestPaths(pullNumber: number): Promise<string[]> {
    const files = await this.#call(`list files of #${pullNumber}`, () =>
      this.client.paginate(this.client.rest.pulls.listFiles, {
        ...this.ref,
        pull_number: pullNumber,
        per_page: MAX_PER_PAGE,
      }),
    );
    return files.map((file) => file.filename);
  }

  /** Wraps an API failure with what we were doing, keeping GitHub's error (and its request id) as the cause. */
  async #call<T>(what: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new GitHubRequestError(what, error);
    }
  }

  /** Starts a check run on a commit; `in_progress` so the PR shows it is being worked on. */
  async startCheckRun(input: { name: string; headSha: string; externalId: string }): Promise<number> {
    const { data } = await this.#call(`start check ${input.name}`, () =>
      this.client.rest.checks.create({
        ...this.ref,
        name: input.name,
        head_sha: input.headSha,
        external_id: input.externalId,
        status: 'in_progress',
        started_at: new Date().toISOString(),
        request: { retries: 0 },
      }),
    );
    return data.id;
  }

  /**
   * Completes a check run. GitHub takes at most 50 annotations per request, so the first batch goes with
   * the conclusion and the rest follow in updates that append to it.
   */
  async completeCheckRun(checkRunId: number, result: CheckRunResult): Promise<void> {
    const [first = [], ...rest] = chunkAnnotations(result.annotations);
    const output = {
      title: result.title,
      summary: result.summary,
      ...(result.text ? { text: result.text } : {}),
    };
    await this.#call('complete check run', () =>
      this.client.rest.checks.update({
        ...this.ref,
        check_run_id: checkRunId,
        status: 'completed',
        conclusion: result.conclusion,
        completed_at: new Date().toISOString(),
        output: { ...output, annotations: first },
        ...(result.actions ? { actions: result.actions } : {}),
      }),
    );
    for (const annotations of rest) {
      await this.#call('add check annotations', () =>
        this.client.rest.checks.update({
          ...this.ref,
          check_run_id: checkRunId,
          output: { ...output, annotations },
        }),
      );
    }
  }

  /** A check run's annotations: GitHub appends each update's to them and never removes one. */
  async listCheckAnnotations(checkRunId: number): Promise<Annotation[]> {
    const annotations = await this.#call('list check annotations', () =>
      this.client.paginate(this.client.rest.checks.listAnnotations, {
        ...this.ref,
        check_run_id: checkRunId,
        per_page: MAX_PER_PAGE,
      }),
    );
    return annotations.map((annotation) => ({
      path: annotation.path,
      start_line: annotation.start_line,
      end_line: annotation.end_line,
      annotation_level: (annotation.annotation_level ?? 'notice') as Annotation['annotation_level'],
      message: annotation.message ?? '',
      ...(annotation.title ? { title: annotation.title } : {}),
    }));
  }

  /** The check runs of a commit with one name, newest first. */
  async listCheckRuns(
    ref: string,
    name: string,
  ): Promise<Array<{ id: number; status: string; headSha: string; annotationsCount: number }>> {
    const { data } = await this.#call('list check runs', () =>
      this.client.rest.checks.listForRef({ ...this.ref, ref, check_name: name, per_page: MAX_PER_PAGE }),
    );
    return data.check_runs.map((run) => ({
      id: run.id,
      status: run.status,
      headSha: run.head_sha,
      annotationsCount: run.output.annotations_count,
    }));
  }
}

export interface CheckRunResult {
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped';
  title: string;
  summary: string;
  text?: string;
  annotations: Annotation[];
  actions?: Array<{ label: string; description: string; identifier: string }>;
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
}

function toSnapshot(issue: RawIssue): IssueSnapshot {
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
  };
}
