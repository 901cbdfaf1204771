import type { FileChanges, StoredCommit } from './git.js';
import { SimError } from './route-types.js';
import type { RepoState } from './state.js';

/** GitHub's answer when a ruleset or protection requires pull requests on the branch. */
export const PROTECTED_BRANCH_MESSAGE =
  'Repository rule violations found\n\nChanges must be made through a pull request.';

/** Commits `changes` on top of `branch` (created from the default branch when missing) and moves it. */
export function commitToBranch(
  repo: RepoState,
  branch: string,
  changes: FileChanges,
  message: string,
  author: string,
): { before: StoredCommit; commit: StoredCommit; created: boolean } {
  const existing = repo.tip(branch);
  const before = existing ?? repo.tip(repo.defaultBranch);
  if (!before) throw new SimError(404, `Branch ${repo.defaultBranch} not found`);
  const commit = repo.commit([before.sha], before.tree, changes, message, author);
  repo.branches.set(branch, commit.sha);
  return { before, commit, created: existing === undefined };
}
