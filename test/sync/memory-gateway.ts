import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import type { Annotation } from '../../src/core/render/check/check-limits.js';
import type {
  CheckRunResult,
  CheckRunSlot,
  CheckRunTarget,
  FileContent,
  GitHubGateway,
  IssueSnapshot,
  LabelSpec,
  PullRequestSnapshot,
  WriteFileResult,
} from '../../src/github/gateway.js';
import { type ConfigFileRead, RepoGateway } from '../../src/github/repo-gateway.js';

/**
 * The gateway's interfaces over plain maps, for the use cases in src/sync: branches point at commits, a
 * commit is a set of files, issues and check runs are records. Each call is logged as `verb`, so a test
 * can say which writes happened. `hooks` let a test change the repository at a chosen moment (a race).
 */
export interface MemoryCheckRun {
  id: number;
  name: string;
  headSha: string;
  externalId: string;
  status: 'in_progress' | 'completed';
  result: CheckRunResult | null;
  annotations: Annotation[];
}

export interface MemoryHooks {
  /** Runs before a file write is applied; may change the branch (another commit landed first). */
  beforeWrite?: (input: { branch: string; path: string }) => void;
  /** Branches that refuse direct commits, as a ruleset would. */
  protectedBranches?: Set<string>;
}

const BOT = 'spec-sync[bot]';
const blobSha = (text: string) => createHash('sha1').update(text).digest('hex');

export class MemoryGateway implements GitHubGateway {
  readonly ref = { owner: 'acme', repo: 'shop' };
  readonly calls: string[] = [];
  readonly branches = new Map<string, string>();
  readonly commits = new Map<string, Map<string, string>>();
  readonly issues: IssueSnapshot[] = [];
  readonly comments = new Map<number, string[]>();
  readonly labels = new Set<string>();
  readonly checkRuns: MemoryCheckRun[] = [];
  readonly pulls: Array<PullRequestSnapshot & { paths: string[]; commitMessages: string[] }> = [];
  hooks: MemoryHooks = {};
  #next = 1;

  constructor(readonly defaultBranch = 'main') {}

  /** Commits files on a branch (created from the default branch when new); returns the commit sha. */
  commit(branch: string, files: Record<string, string>): string {
    const base = this.branches.get(branch) ?? this.branches.get(this.defaultBranch);
    const tree = new Map(base ? this.commits.get(base) : []);
    for (const [path, text] of Object.entries(files)) tree.set(path, text);
    const sha = blobSha(`commit ${this.#next++} ${[...tree].join()}`);
    this.commits.set(sha, tree);
    this.branches.set(branch, sha);
    return sha;
  }

  fileAt(branch: string, path: string): string | undefined {
    return this.commits.get(this.branches.get(branch) ?? '')?.get(path);
  }

  #tree(ref: string): Map<string, string> | undefined {
    return this.commits.get(this.branches.get(ref) ?? ref);
  }

  // Repository and files

  readonly origin = 'memory/acme/shop';

  async readConfigFile(path: string): Promise<ConfigFileRead> {
    const text = this.fileAt(this.defaultBranch, path);
    try {
      return { raw: text === undefined ? {} : (parse(text) ?? {}) };
    } catch (error) {
      return { unreadable: (error as Error).message, cause: error };
    }
  }

  async getRepository() {
    this.calls.push('getRepository');
    return { defaultBranch: this.defaultBranch, htmlUrl: 'https://github.example/acme/shop' };
  }

  async getBranchHead(branch: string): Promise<string | null> {
    this.calls.push(`getBranchHead ${branch}`);
    return this.branches.get(branch) ?? null;
  }

  async readFile(ref: string, path: string): Promise<FileContent | null> {
    this.calls.push(`readFile ${path}`);
    const text = this.#tree(ref)?.get(path);
    return text === undefined ? null : { text, sha: blobSha(text) };
  }

  /** The real gateway's rule, over this gateway's branches and files. */
  readFileAtBranchHead: GitHubGateway['readFileAtBranchHead'] = RepoGateway.prototype.readFileAtBranchHead;

  async readKnownFile(ref: string, path: string, _sha: string): Promise<FileContent | null> {
    return this.readFile(ref, path);
  }

  async listDirectory(ref: string, dir: string): Promise<Array<{ name: string; sha: string }>> {
    this.calls.push(`listDirectory ${dir}`);
    return [...(this.#tree(ref) ?? [])]
      .filter(([path]) => path.startsWith(`${dir}/`) && !path.slice(dir.length + 1).includes('/'))
      .map(([path, text]) => ({ name: path.slice(dir.length + 1), sha: blobSha(text) }));
  }

  async listChangedPaths(base: string, head: string): Promise<string[]> {
    const before = this.#tree(base) ?? new Map();
    const after = this.#tree(head) ?? new Map();
    return [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p));
  }

  async listPaths(ref: string): Promise<string[]> {
    return [...(this.#tree(ref)?.keys() ?? [])];
  }

  async writeFile(input: Parameters<GitHubGateway['writeFile']>[0]): Promise<WriteFileResult> {
    this.hooks.beforeWrite?.(input);
    this.calls.push(`writeFile ${input.branch} ${input.path}`);
    if (this.hooks.protectedBranches?.has(input.branch))
      return { status: 'rejected', message: 'Changes must be made through a pull request' };
    const current = this.fileAt(input.branch, input.path);
    if (current === undefined || blobSha(current) !== input.sha) return { status: 'conflict' };
    return { status: 'written', commitSha: this.commit(input.branch, { [input.path]: input.text }) };
  }

  async createBranch(name: string, fromSha: string): Promise<void> {
    this.calls.push(`createBranch ${name}`);
    this.branches.set(name, fromSha);
  }

  // Issues and labels

  async listIssuesWithLabel(label: string, _since?: string): Promise<IssueSnapshot[]> {
    this.calls.push(`listIssuesWithLabel ${label}`);
    return this.issues.filter((issue) => issue.labels.includes(label)).map((issue) => ({ ...issue }));
  }

  async hasIssuesWithLabel(label: string): Promise<boolean> {
    this.calls.push(`hasIssuesWithLabel ${label}`);
    return this.issues.some((issue) => issue.labels.includes(label));
  }

  async listIssuesOpenedBy(login: string): Promise<IssueSnapshot[]> {
    return this.issues.filter((issue) => issue.author === login).map((issue) => ({ ...issue }));
  }

  async getIssue(issueNumber: number): Promise<IssueSnapshot> {
    this.calls.push(`getIssue ${issueNumber}`);
    const issue = this.issues.find((candidate) => candidate.number === issueNumber);
    if (!issue) throw Object.assign(new Error(`no issue #${issueNumber}`), { status: 404 });
    return { ...issue };
  }

  async createIssue(input: { title: string; body: string; labels: string[] }): Promise<IssueSnapshot> {
    this.calls.push('createIssue');
    const number = this.#next++;
    const issue: IssueSnapshot = {
      number,
      id: number * 1000,
      ...input,
      state: 'open',
      stateReason: null,
      htmlUrl: `https://github.example/acme/shop/issues/${number}`,
      author: BOT,
    };
    this.issues.push(issue);
    return { ...issue };
  }

  async updateIssue(
    issueNumber: number,
    changes: Partial<Pick<IssueSnapshot, 'title' | 'body' | 'state' | 'labels'>> & {
      stateReason?: 'completed' | 'not_planned' | 'reopened' | null;
    },
  ): Promise<IssueSnapshot> {
    this.calls.push(`updateIssue ${issueNumber} ${Object.keys(changes).sort().join(',')}`);
    const issue = this.issues.find((candidate) => candidate.number === issueNumber)!;
    Object.assign(issue, changes);
    return { ...issue };
  }

  // Sub-issues, blocked-by and assignees: by issue id, as GitHub names them in request bodies.

  readonly subIssues = new Map<number, number[]>();
  readonly blockedBy = new Map<number, number[]>();
  readonly assignable = new Set<string>(['octocat']);

  #byNumber(issueNumber: number): IssueSnapshot {
    const issue = this.issues.find((candidate) => candidate.number === issueNumber);
    if (!issue) throw Object.assign(new Error(`Not Found: #${issueNumber}`), { status: 404 });
    return issue;
  }

  #byId(id: number): IssueSnapshot {
    return this.issues.find((candidate) => candidate.id === id)!;
  }

  async listSubIssues(issueNumber: number): Promise<IssueSnapshot[]> {
    this.calls.push(`listSubIssues ${issueNumber}`);
    return (this.subIssues.get(this.#byNumber(issueNumber).id) ?? []).map((id) => ({ ...this.#byId(id) }));
  }

  async addSubIssue(issueNumber: number, subIssueId: number, replaceParent = false): Promise<void> {
    this.calls.push(`addSubIssue ${issueNumber}`);
    const parent = this.#byNumber(issueNumber).id;
    const held = [...this.subIssues].find(([, ids]) => ids.includes(subIssueId));
    if (held && !replaceParent)
      throw Object.assign(new Error('Sub issue may only have one parent'), { status: 422 });
    if (held)
      this.subIssues.set(
        held[0],
        held[1].filter((id) => id !== subIssueId),
      );
    this.subIssues.set(parent, [...(this.subIssues.get(parent) ?? []), subIssueId]);
  }

  async removeSubIssue(issueNumber: number, subIssueId: number): Promise<void> {
    this.calls.push(`removeSubIssue ${issueNumber}`);
    const parent = this.#byNumber(issueNumber).id;
    this.subIssues.set(
      parent,
      (this.subIssues.get(parent) ?? []).filter((id) => id !== subIssueId),
    );
  }

  async moveSubIssue(
    ...[issueNumber, subIssueId, place]: Parameters<GitHubGateway['moveSubIssue']>
  ): Promise<void> {
    this.calls.push(`moveSubIssue ${issueNumber}`);
    const parent = this.#byNumber(issueNumber).id;
    const rest = (this.subIssues.get(parent) ?? []).filter((id) => id !== subIssueId);
    const at = 'afterId' in place ? rest.indexOf(place.afterId) + 1 : rest.indexOf(place.beforeId);
    rest.splice(at, 0, subIssueId);
    this.subIssues.set(parent, rest);
  }

  async listBlockedBy(issueNumber: number): Promise<IssueSnapshot[]> {
    this.calls.push(`listBlockedBy ${issueNumber}`);
    return (this.blockedBy.get(this.#byNumber(issueNumber).id) ?? []).map((id) => ({ ...this.#byId(id) }));
  }

  async addBlockedBy(issueNumber: number, blockerId: number): Promise<void> {
    this.calls.push(`addBlockedBy ${issueNumber}`);
    const id = this.#byNumber(issueNumber).id;
    this.blockedBy.set(id, [...(this.blockedBy.get(id) ?? []), blockerId]);
  }

  async removeBlockedBy(issueNumber: number, blockerId: number): Promise<void> {
    this.calls.push(`removeBlockedBy ${issueNumber}`);
    const id = this.#byNumber(issueNumber).id;
    this.blockedBy.set(
      id,
      (this.blockedBy.get(id) ?? []).filter((other) => other !== blockerId),
    );
  }

  async canAssign(login: string): Promise<boolean> {
    this.calls.push(`canAssign ${login}`);
    return this.assignable.has(login.toLowerCase());
  }

  async addAssignees(issueNumber: number, logins: string[]): Promise<void> {
    this.calls.push(`addAssignees ${issueNumber}`);
    const issue = this.#byNumber(issueNumber);
    issue.assignees = [...(issue.assignees ?? []), ...logins.filter((login) => this.assignable.has(login))];
  }

  readonly milestones = new Map<string, number>();

  async listMilestones(): Promise<Map<string, number>> {
    this.calls.push('listMilestones');
    return new Map(this.milestones);
  }

  async createMilestone(title: string, _description: string): Promise<number> {
    this.calls.push(`createMilestone ${title}`);
    const number = this.milestones.size + 1;
    this.milestones.set(title, number);
    return number;
  }

  async setMilestone(issueNumber: number, milestone: number): Promise<void> {
    this.calls.push(`setMilestone ${issueNumber}`);
    const title = [...this.milestones].find(([, number]) => number === milestone)?.[0] ?? null;
    this.#byNumber(issueNumber).milestone = title;
  }

  async commentOnIssue(issueNumber: number, body: string): Promise<void> {
    this.calls.push(`commentOnIssue ${issueNumber}`);
    this.comments.set(issueNumber, [...(this.comments.get(issueNumber) ?? []), body]);
  }

  async ensureComment(
    ...[issueNumber, marker, body, options = {}]: Parameters<GitHubGateway['ensureComment']>
  ): Promise<'created' | 'updated' | 'unchanged' | 'absent'> {
    const list = this.comments.get(issueNumber) ?? [];
    const at = list.findIndex((comment) => comment.includes(marker));
    if (at >= 0 && list[at] === body) return 'unchanged';
    if (at >= 0) {
      list[at] = body;
      return 'updated';
    }
    if (options.onlyUpdate) return 'absent';
    await this.commentOnIssue(issueNumber, body);
    return 'created';
  }

  async ensureLabels(labels: LabelSpec[]): Promise<number> {
    this.calls.push('ensureLabels');
    const missing = labels.filter((label) => !this.labels.has(label.name));
    for (const label of missing) this.labels.add(label.name);
    return missing.length;
  }

  // Pull requests

  async createPullRequest(input: Parameters<GitHubGateway['createPullRequest']>[0]): Promise<number> {
    this.calls.push(`createPullRequest ${input.head}`);
    const number = this.#next++;
    const head = this.branches.get(input.head)!;
    this.pulls.push({
      number,
      title: input.title,
      body: input.body,
      headBranch: input.head,
      baseBranch: input.base,
      headSha: head,
      open: true,
      merged: false,
      mergeCommitSha: null,
      paths: [],
      commitMessages: [],
    });
    return number;
  }

  async findOpenPullRequest(head: string, base: string): Promise<number | null> {
    return (
      this.pulls.find((pull) => pull.open && pull.headBranch === head && pull.baseBranch === base)?.number ??
      null
    );
  }

  async getPullRequest(pullNumber: number): Promise<PullRequestSnapshot> {
    const {
      paths: _paths,
      commitMessages: _messages,
      ...pull
    } = this.pulls.find((p) => p.number === pullNumber)!;
    return pull;
  }

  async listPullRequestCommitMessages(pullNumber: number): Promise<string[]> {
    return this.pulls.find((pull) => pull.number === pullNumber)?.commitMessages ?? [];
  }

  async listPullRequestPaths(pullNumber: number): Promise<string[]> {
    return this.pulls.find((pull) => pull.number === pullNumber)?.paths ?? [];
  }

  // Check runs

  async openCheck(input: CheckRunTarget): Promise<CheckRunSlot> {
    const existing = input.fresh
      ? undefined
      : this.checkRuns.find((run) => run.name === input.name && run.headSha === input.headSha);
    if (existing)
      return {
        target: input,
        id: existing.id,
        annotationsCount: existing.annotations.length,
        completed: existing.status === 'completed',
      };
    return { target: input, id: await this.startCheckRun(input), annotationsCount: 0, completed: false };
  }

  async finishCheck(slot: CheckRunSlot, result: CheckRunResult): Promise<void> {
    await this.completeCheckRun(slot.id, result);
  }

  async reportCheck(target: CheckRunTarget, result: CheckRunResult): Promise<void> {
    await this.finishCheck(await this.openCheck(target), result);
  }

  async startCheckRun(input: { name: string; headSha: string; externalId: string }): Promise<number> {
    this.calls.push(`startCheckRun ${input.name}`);
    const id = this.#next++;
    this.checkRuns.unshift({ id, ...input, status: 'in_progress', result: null, annotations: [] });
    return id;
  }

  async completeCheckRun(checkRunId: number, result: CheckRunResult): Promise<void> {
    this.calls.push(`completeCheckRun ${result.conclusion}`);
    const run = this.checkRuns.find((candidate) => candidate.id === checkRunId)!;
    run.status = 'completed';
    run.result = result;
    run.annotations.push(...result.annotations);
  }

  async listCheckAnnotations(checkRunId: number): Promise<Annotation[]> {
    return this.checkRuns.find((run) => run.id === checkRunId)?.annotations ?? [];
  }

  async listCheckRuns(ref: string, name: string) {
    return this.checkRuns
      .filter((run) => run.headSha === ref && run.name === name)
      .map((run) => ({
        id: run.id,
        status: run.status,
        headSha: run.headSha,
        annotationsCount: run.annotations.length,
      }));
  }
}
