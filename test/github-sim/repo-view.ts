import type { StoredCommit } from './git.js';
import type { RepoState, StoredCheckRun, StoredIssue, StoredLabel, StoredMilestone } from './state.js';

/** Read-only view of one simulated repository, for assertions. */
export class RepoView {
  readonly #repo: RepoState;
  constructor(repo: RepoState) {
    this.#repo = repo;
  }
  get state(): RepoState {
    return this.#repo;
  }
  get installationId(): number {
    return this.#repo.installationId;
  }
  get defaultBranch(): string {
    return this.#repo.defaultBranch;
  }
  /** Issues only (open and closed), without pull requests. */
  get issues(): StoredIssue[] {
    return this.#repo.issues.filter((issue) => !issue.pullRequest);
  }
  /** Pull requests as their issue records; `pullRequest` holds head, base and merge state. */
  get pulls(): StoredIssue[] {
    return this.#repo.issues.filter((issue) => issue.pullRequest);
  }
  get labels(): StoredLabel[] {
    return this.#repo.labels;
  }
  get milestones(): StoredMilestone[] {
    return this.#repo.milestones;
  }
  get checkRuns(): StoredCheckRun[] {
    return this.#repo.checkRuns;
  }
  get branches(): string[] {
    return [...this.#repo.branches.keys()];
  }
  issue(number: number): StoredIssue | undefined {
    return this.#repo.issue(number);
  }
  /** File content at the branch tip (or a sha), undefined when absent. */
  file(ref: string, path: string): string | undefined {
    return this.#repo.resolve(ref)?.tree.get(path);
  }
  files(ref: string): ReadonlyMap<string, string> {
    return this.#repo.resolve(ref)?.tree ?? new Map();
  }
  /** Commits reachable from the branch, newest first. */
  commits(ref: string): StoredCommit[] {
    const tip = this.#repo.resolve(ref);
    return tip ? this.#repo.ancestors(tip.sha) : [];
  }
  sha(ref: string): string | undefined {
    return this.#repo.resolve(ref)?.sha;
  }
}
