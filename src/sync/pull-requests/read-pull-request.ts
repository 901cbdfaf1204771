import type { GitHubGateway } from '../../github/gateway.js';

/** What spec-sync needs to know about a pull request, read once per job. */
export interface PullRequestFacts {
  number: number;
  title: string;
  body: string | null;
  headBranch: string;
  baseBranch: string;
  headSha: string;
  /** Still open (neither merged nor closed). */
  open: boolean;
  merged: boolean;
  /** The commit the merge made on the base branch, when merged. */
  mergeCommitSha: string | null;
  commitMessages: string[];
  /** Paths the pull request changes. */
  paths: string[];
}

export async function readPullRequest(gateway: GitHubGateway, pullNumber: number): Promise<PullRequestFacts> {
  const pull = await gateway.getPullRequest(pullNumber);
  const commitMessages = await gateway.listPullRequestCommitMessages(pullNumber);
  const paths = await gateway.listPullRequestPaths(pullNumber);
  return {
    number: pull.number,
    title: pull.title,
    body: pull.body ?? null,
    headBranch: pull.head.ref,
    baseBranch: pull.base.ref,
    headSha: pull.head.sha,
    open: pull.state === 'open',
    merged: pull.merged === true,
    mergeCommitSha: pull.merge_commit_sha ?? null,
    commitMessages,
    paths,
  };
}

/** The commit whose specs the references are read against: what the merge made, or the PR's head. */
export function specsCommit(facts: PullRequestFacts): string {
  return facts.merged && facts.mergeCommitSha ? facts.mergeCommitSha : facts.headSha;
}
