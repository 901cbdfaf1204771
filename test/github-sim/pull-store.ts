import { applyChanges, changesBetween } from './git.js';
import { createIssue } from './issue-store.js';
import { SimError } from './route-types.js';
import type { RepoState, SimState, StoredIssue, StoredPull } from './state.js';

export interface PullInput {
  title: string;
  head: string;
  base?: string;
  body?: string | null;
  draft?: boolean;
}

export function createPull(sim: SimState, repo: RepoState, input: PullInput, user: string): StoredIssue {
  const base = input.base ?? repo.defaultBranch;
  // `owner:branch` is how forks are named; in one repository only the branch part matters
  const head = input.head.includes(':') ? input.head.slice(input.head.indexOf(':') + 1) : input.head;
  const headTip = repo.tip(head);
  const baseTip = repo.tip(base);
  if (!headTip || !baseTip) {
    throw new SimError(422, 'Validation Failed', [
      { resource: 'PullRequest', field: headTip ? 'base' : 'head', code: 'invalid' },
    ]);
  }
  const open = repo.issues.find(
    (i) => i.state === 'open' && i.pullRequest?.head === head && i.pullRequest.base === base,
  );
  if (open) {
    throw new SimError(422, 'Validation Failed', [
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${repo.owner}:${head}.`,
      },
    ]);
  }
  if (repo.commitsBetween(baseTip.sha, headTip.sha).length === 0) {
    throw new SimError(422, 'Validation Failed', [
      { resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` },
    ]);
  }
  const issue = createIssue(sim, repo, { title: input.title, body: input.body ?? null }, user);
  const pull: StoredPull = {
    number: issue.number,
    head,
    headSha: headTip.sha,
    base,
    baseSha: baseTip.sha,
    draft: input.draft ?? false,
    merged: false,
    mergedAt: null,
    mergeCommitSha: null,
  };
  issue.pullRequest = pull;
  return issue;
}

/** Follows new commits pushed to the head branch, as GitHub does for open pull requests. */
export function refreshPull(repo: RepoState, pull: StoredPull): void {
  if (pull.merged) return;
  pull.headSha = repo.tip(pull.head)?.sha ?? pull.headSha;
}

/** Merges with a merge commit: base gets the head's changes since the merge base; the PR closes. */
export function mergePull(sim: SimState, repo: RepoState, issue: StoredIssue, user: string): string {
  const pull = issue.pullRequest;
  if (!pull || issue.state !== 'open') throw new SimError(405, 'Pull Request is not mergeable');
  refreshPull(repo, pull);
  const baseTip = repo.tip(pull.base);
  const headTip = repo.commits.get(pull.headSha);
  const mergeBase = repo.commits.get(pull.baseSha);
  if (!baseTip || !headTip || !mergeBase) throw new SimError(405, 'Pull Request is not mergeable');
  const changes = changesBetween(mergeBase.tree, headTip.tree);
  const message = `Merge pull request #${pull.number} from ${repo.owner}/${pull.head}\n\n${issue.title}`;
  const merge = repo.commit(
    [baseTip.sha, headTip.sha],
    applyChanges(baseTip.tree, {}),
    changes,
    message,
    user,
  );
  repo.branches.set(pull.base, merge.sha);
  const now = sim.isoNow();
  Object.assign(pull, { merged: true, mergedAt: now, mergeCommitSha: merge.sha });
  Object.assign(issue, { state: 'closed', closedAt: now, updatedAt: now });
  return merge.sha;
}
