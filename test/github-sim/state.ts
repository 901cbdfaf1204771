import { applyChanges, type FileChanges, type FileTree, hashOf, type StoredCommit, treeSha } from './git.js';
import { HookDeliveryStore } from './hook-deliveries.js';

export type IssueState = 'open' | 'closed';
export type StateReason = 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;

export interface StoredLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}
export interface StoredComment {
  id: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}
export interface StoredIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: IssueState;
  stateReason: StateReason;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  comments: StoredComment[];
  /** Set for pull requests, which share the issue number sequence. */
  pullRequest?: StoredPull;
  parentId: number | null;
  subIssueIds: number[];
  blockedByIds: number[];
}
export interface StoredPull {
  number: number;
  head: string;
  headSha: string;
  base: string;
  /** The base commit the pull request was opened against (its merge base). */
  baseSha: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
}
export interface StoredMilestone {
  id: number;
  number: number;
  title: string;
  description: string | null;
  state: IssueState;
  dueOn: string | null;
  createdAt: string;
}
export interface StoredAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  message: string;
  title?: string;
  raw_details?: string;
}
export interface StoredCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: StoredAnnotation[];
  actions: { label: string; description: string; identifier: string }[];
}

export interface SimUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}
export const BOT: SimUser = { login: 'spec-sync[bot]', id: 9000001, type: 'Bot' };
export const HUMAN: SimUser = { login: 'octocat', id: 583231, type: 'User' };

export interface Urls {
  api: string;
  html: string;
}

/** Process-wide mutable state: ids, clock and repositories. */
export class SimState {
  readonly repos = new Map<string, RepoState>();
  readonly hookDeliveries = new HookDeliveryStore();
  readonly appId = 4242;
  readonly urls: Urls;
  #nextId = 1000;
  readonly #clock: () => number;

  constructor(urls: Urls, clock: () => number) {
    this.urls = urls;
    this.#clock = clock;
  }

  now(): number {
    return this.#clock();
  }

  isoNow(): string {
    return `${new Date(this.#clock()).toISOString().slice(0, 19)}Z`;
  }

  nextId(): number {
    this.#nextId += 1;
    return this.#nextId;
  }

  repo(fullName: string): RepoState | undefined {
    return this.repos.get(fullName.toLowerCase());
  }
}

export interface RepoOptions {
  defaultBranch?: string;
  files?: Record<string, string>;
  installationId?: number;
  protectedBranches?: string[];
  private?: boolean;
  /** Logins that may be assigned to issues; the owner and `octocat` when not given. */
  assignable?: string[];
}

/** One repository: git objects, issues and pulls, labels, milestones and check runs. */
export class RepoState {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  readonly defaultBranch: string;
  readonly installationId: number;
  readonly private: boolean;
  readonly protectedBranches: Set<string>;
  readonly createdAt: string;
  readonly branches = new Map<string, string>();
  readonly commits = new Map<string, StoredCommit>();
  readonly trees = new Map<string, FileTree>();
  readonly issues: StoredIssue[] = [];
  readonly labels: StoredLabel[] = [];
  readonly milestones: StoredMilestone[] = [];
  readonly checkRuns: StoredCheckRun[] = [];
  /** Logins that may be assigned (GitHub: collaborators with access), lower-cased. */
  readonly assignable: Set<string>;
  nextNumber = 1;
  /** Highest milestone number deleted so far: GitHub does not hand a number out twice. */
  deletedMilestones = 0;
  readonly #sim: SimState;

  constructor(sim: SimState, fullName: string, options: RepoOptions) {
    const [owner = '', name = ''] = fullName.split('/');
    this.#sim = sim;
    this.id = sim.nextId();
    this.owner = owner;
    this.name = name;
    this.defaultBranch = options.defaultBranch ?? 'main';
    this.installationId = options.installationId ?? sim.nextId();
    this.private = options.private ?? false;
    this.protectedBranches = new Set(options.protectedBranches ?? []);
    this.assignable = new Set(
      (options.assignable ?? [owner, HUMAN.login]).map((login) => login.toLowerCase()),
    );
    this.createdAt = sim.isoNow();
    const root = this.commit([], new Map(), options.files ?? {}, 'Initial commit', 'octocat');
    this.branches.set(this.defaultBranch, root.sha);
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** Creates a commit object (not moving any branch). */
  commit(
    parents: string[],
    base: FileTree,
    changes: FileChanges,
    message: string,
    author: string,
  ): StoredCommit {
    const tree = applyChanges(base, changes);
    const tsha = treeSha(tree);
    const date = this.#sim.isoNow();
    const sha = hashOf('commit', tsha, ...parents, message, date, String(this.#sim.nextId()));
    const commit: StoredCommit = { sha, treeSha: tsha, tree, parents, message, author, date };
    this.commits.set(sha, commit);
    this.trees.set(tsha, tree);
    return commit;
  }

  /** Resolves a sha, a branch name, `heads/x` or `refs/heads/x` to a commit. */
  resolve(ref: string): StoredCommit | undefined {
    const branch = ref.replace(/^refs\//, '').replace(/^heads\//, '');
    const sha = this.branches.get(branch) ?? ref;
    const exact = this.commits.get(sha);
    if (exact || sha.length < 7) return exact;
    for (const commit of this.commits.values()) if (commit.sha.startsWith(sha)) return commit;
    return undefined;
  }

  tip(branch: string): StoredCommit | undefined {
    const sha = this.branches.get(branch);
    return sha === undefined ? undefined : this.commits.get(sha);
  }

  /** Commits reachable from `sha`, newest first (first-parent order is enough for a linear history). */
  ancestors(sha: string): StoredCommit[] {
    const seen = new Set<string>();
    const order: StoredCommit[] = [];
    const queue = [sha];
    while (queue.length > 0) {
      const next = this.commits.get(queue.shift() ?? '');
      if (!next || seen.has(next.sha)) continue;
      seen.add(next.sha);
      order.push(next);
      queue.push(...next.parents);
    }
    return order;
  }

  /** Commits in `head` that are not in `base`, oldest first, as GitHub lists them. */
  commitsBetween(baseSha: string, headSha: string): StoredCommit[] {
    const inBase = new Set(this.ancestors(baseSha).map((commit) => commit.sha));
    return this.ancestors(headSha)
      .filter((commit) => !inBase.has(commit.sha))
      .reverse();
  }

  issue(number: number): StoredIssue | undefined {
    return this.issues.find((issue) => issue.number === number);
  }

  issueById(id: number): StoredIssue | undefined {
    return this.issues.find((issue) => issue.id === id);
  }

  canAssign(login: string): boolean {
    return this.assignable.has(login.toLowerCase());
  }

  label(name: string): StoredLabel | undefined {
    const lower = name.toLowerCase();
    return this.labels.find((label) => label.name.toLowerCase() === lower);
  }

  /** GitHub creates unknown labels named on an issue, with a default grey colour. */
  ensureLabel(name: string): StoredLabel {
    const existing = this.label(name);
    if (existing) return existing;
    const label: StoredLabel = { id: this.#sim.nextId(), name, color: 'ededed', description: null };
    this.labels.push(label);
    return label;
  }
}
