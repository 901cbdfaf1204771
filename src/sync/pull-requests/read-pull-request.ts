import type { PullRequestSnapshot, PullRequests } from '../../github/gateway.js';

/** What spec-sync needs to know about a pull request, read once per job. */
export interface PullRequestFacts extends PullRequestSnapshot {
  commitMessages: string[];
  /** Paths the pull request changes. */
  paths: string[];
}

export async function readPullRequest(gateway: PullRequests, pullNumber: number): Promise<PullRequestFacts> {
  const pull = await gateway.getPullRequest(pullNumber);
  const commitMessages = await gateway.listPullRequestCommitMessages(pullNumber);
  const paths = await gateway.listPullRequestPaths(pullNumber);
  return { ...pull, commitMessages, paths };
}

/** The commit whose specs the references are read against: what the merge made, or the PR's head. */
export function specsCommit(facts: PullRequestFacts): string {
  return facts.merged && facts.mergeCommitSha ? facts.mergeCommitSha : facts.headSha;
}
