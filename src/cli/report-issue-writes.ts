import type { GitHubClient } from '../github/client.js';

/** The issue writes a sync makes, by the REST route the gateway sends them to. */
const ISSUE_ROUTE = '/repos/{owner}/{repo}/issues';
const ONE_ISSUE_ROUTE = '/repos/{owner}/{repo}/issues/{issue_number}';
const COMMENT_ROUTE = '/repos/{owner}/{repo}/issues/{issue_number}/comments';

interface IssueAnswer {
  number?: number;
  title?: string;
  html_url?: string;
}

/**
 * Prints each issue the sync creates, updates, closes or comments on, with its number, as GitHub answers:
 * a sync of many tasks is paced for minutes, and the user sees it progress rather than a silent wait.
 */
export function reportIssueWrites(client: GitHubClient, print: (line: string) => void): WriteTally {
  const tally: WriteTally = { created: 0, updated: 0, closed: 0, reopened: 0, commented: 0 };
  client.hook.after('request', (response, options) => {
    const issue = response.data as IssueAnswer;
    const title = issue.title ? `  ${issue.title}` : '';
    let verb: keyof WriteTally | null = null;
    if (options.method === 'POST' && options.url === ISSUE_ROUTE) verb = 'created';
    else if (options.method === 'PATCH' && options.url === ONE_ISSUE_ROUTE) verb = verbOf(options.state);
    else if (options.method === 'POST' && options.url === COMMENT_ROUTE) verb = 'commented';
    if (verb === null) return;
    tally[verb] += 1;
    const number = verb === 'commented' ? String(options.issue_number) : String(issue.number);
    print(`  ${verb.padEnd(9)} #${number}${verb === 'commented' ? '' : title}`);
  });
  return tally;
}

export interface WriteTally {
  created: number;
  updated: number;
  closed: number;
  reopened: number;
  commented: number;
}

export function describeTally(tally: WriteTally): string {
  return Object.entries(tally)
    .map(([verb, count]) => `${count} ${verb}`)
    .join(', ');
}

function verbOf(state: unknown): keyof WriteTally {
  if (state === 'closed') return 'closed';
  if (state === 'open') return 'reopened';
  return 'updated';
}

/** The cause of a request that never got an answer (DNS, refused, reset, TLS), or null for any other error. */
export function networkFailure(error: unknown): string | null {
  let found = false;
  let detail = '';
  // By name, not instanceof: fetch's errors may come from another realm (a test runner's VM context).
  for (let cause = error as { name?: string; message?: string; cause?: unknown } | undefined; cause; ) {
    if (cause.name === 'TypeError' && cause.message === 'fetch failed') found = true;
    if (cause.message) detail = cause.message;
    cause =
      typeof cause.cause === 'object' && cause.cause !== null ? (cause.cause as typeof cause) : undefined;
  }
  return found ? detail : null;
}
