import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { Command } from 'commander';
import { loadRepoConfig } from '../config/load-config.js';
import type { UpdateOp } from '../core/plan/issue-plan.js';
import type { IssuePlan } from '../core/plan/plan-issue-sync.js';
import { findSpecs } from '../core/specs/find-specs.js';
import { type GitHubClient, paceClient } from '../github/client.js';
import { ConditionalCache } from '../github/conditional-cache.js';
import { createGitHubGateway } from '../github/gateway.js';
import { Pacer } from '../github/pacer.js';
import { reconcileSpec } from '../sync/issues/sync-spec.js';
import type { Logger } from '../sync/shared/services.js';
import { EXIT_USAGE } from './exit-status.js';
import { describeTally, networkFailure, reportIssueWrites } from './report-issue-writes.js';

export interface SyncArgs {
  repo: string;
  ref?: string;
  spec?: string;
  dryRun?: boolean;
  apiUrl?: string;
  token?: string;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const CliOctokit = Octokit.plugin(retry, throttling);

/**
 * The CLI's client: @octokit/rest with retries; pacing is spec-sync's own (src/github/pacer.ts), as in the
 * app, and so are conditional reads (a run over several specs reads some resources more than once).
 */
export function createCliClient(
  token: string,
  apiUrl?: string,
  pacing: { timeScale?: number; retry?: boolean } = {},
): GitHubClient {
  const quiet = () => undefined;
  const client = new CliOctokit({
    auth: token,
    ...(apiUrl ? { baseUrl: apiUrl } : {}),
    throttle: { enabled: false },
    retry: { enabled: pacing.retry ?? true },
    userAgent: 'spec-sync-cli',
    // Expected 404s (no config file, no spec branch) are not news; failures reach the user as errors.
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  paceClient(client, new Pacer(pacing), {}, new ConditionalCache().for('cli'));
  return client;
}

/** `spec-sync sync`: the same reconcile as the app, from a token; `--dry-run` prints the plan and writes nothing. */
export async function runSync(args: SyncArgs, io: CliIo, client?: GitHubClient): Promise<number> {
  const [owner, repo] = args.repo.split('/');
  if (!owner || !repo) return fail(io, `--repo takes OWNER/NAME, not "${args.repo}"`);
  const token = args.token ?? process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
  if (!client && !token)
    return fail(io, 'Set GITHUB_TOKEN (or GH_TOKEN) to a token that can read and write issues');
  const github = client ?? createCliClient(token!, args.apiUrl);
  const ref = { owner, repo };
  const log = cliLogger(io);
  const tasksPaths = await specsToSync(github, ref, args);
  if (tasksPaths.length === 0) return fail(io, args.spec ? `No spec at ${args.spec}` : 'No specs found');
  const tally = args.dryRun ? null : reportIssueWrites(github, io.out);
  for (const tasksPath of tasksPaths) {
    if (tally) io.out(`${tasksPath}: syncing`);
    const result = await reconcileSpec({
      client: github,
      ref,
      tasksPath,
      log,
      dryRun: args.dryRun,
      branch: args.ref,
    });
    if (!result) {
      io.out(`${tasksPath}: not on the tracking branch; nothing to do`);
      continue;
    }
    const structure = result.structure.ops.length;
    const more = structure > 0 ? `, ${structure} structure ${structure === 1 ? 'write' : 'writes'}` : '';
    if (!args.dryRun) {
      if (structure > 0)
        io.out(
          `${tasksPath} (${result.branch}): ${structure} structure ${structure === 1 ? 'write' : 'writes'}`,
        );
      continue;
    }
    io.out(`${tasksPath} (${result.branch}): ${describePlan(result.plan)}${more}`);
    for (const line of planLines(result.plan)) io.out(`  ${line}`);
    for (const op of result.structure.ops) io.out(`  structure  ${op}`);
  }
  if (tally) io.out(`Synced ${tasksPaths.length} spec(s): ${describeTally(tally)}`);
  return 0;
}

async function specsToSync(
  client: GitHubClient,
  ref: { owner: string; repo: string },
  args: SyncArgs,
): Promise<string[]> {
  const gateway = createGitHubGateway(client, ref);
  const config = await loadRepoConfig(gateway);
  const branch = args.ref ?? (await gateway.getRepository()).defaultBranch;
  const head = await gateway.getBranchHead(branch);
  if (!head) throw new Error(`Branch ${branch} does not exist in ${ref.owner}/${ref.repo}`);
  const specs = findSpecs(await gateway.listPaths(head), config.specs);
  const wanted = args.spec?.replace(/\/+$/, '');
  return specs
    .filter((spec) => !wanted || spec.dir === wanted || spec.tasksPath === wanted)
    .map((spec) => spec.tasksPath);
}

export function describePlan(plan: IssuePlan): string {
  return `${plan.creates.length} to create, ${plan.updates.length} to update, ${plan.comments.length} comments`;
}

export function planLines(plan: IssuePlan): string[] {
  return [
    ...plan.creates.map((op) => `create  ${op.title}  [${op.labels.join(', ')}]`),
    ...plan.updates.map((op) => updateLine(op)),
    ...plan.comments.map((op) => `comment #${op.number}  ${op.body}`),
    ...plan.warnings.map((warning) => `warning ${warning}`),
  ];
}

/** An update of an issue this same run creates has no number yet: it says so, rather than `update T001`. */
function updateLine(op: UpdateOp): string {
  const verb = op.changes.state === 'closed' ? 'close ' : 'update';
  const what = op.why.filter((why) => why !== 'state').join(', ');
  if (op.number === null) {
    const then = op.changes.state === 'closed' ? 'closed as done' : `then ${what || 'links'} filled in`;
    return `${verb}  (new issue for ${op.taskId}, ${then} once created)`;
  }
  return `${verb}  #${op.number}  ${what}`.trimEnd();
}

/** What a failed sync prints: a request that never got an answer is called a network error, not a refusal. */
export function describeSyncFailure(error: unknown, apiUrl?: string): string {
  const network = networkFailure(error);
  if (network === null) return `spec-sync sync: ${(error as Error).message}`;
  const where = apiUrl ? ` at ${apiUrl}` : '';
  return `spec-sync sync: network error, GitHub${where} could not be reached (${network}); check the connection${apiUrl ? ' and --api-url' : ''}`;
}

function fail(io: CliIo, message: string): number {
  io.err(`spec-sync sync: ${message}`);
  return EXIT_USAGE;
}

function cliLogger(io: CliIo): Logger {
  const write = (level: string) => (data: object, message: string) =>
    io.err(`${level} ${message} ${JSON.stringify(data)}`);
  return { debug: () => undefined, info: () => undefined, warn: write('warn'), error: write('error') };
}

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description("Reconcile a repository's task issues with its specs, as the app does on push")
    .requiredOption('--repo <owner/name>', 'the repository')
    .option('--ref <branch>', 'read tasks.md from this branch instead of each spec’s tracking branch')
    .option('--spec <dir>', 'only this spec (its directory, e.g. specs/002-billing)')
    .option('--dry-run', 'print the planned creates, updates and closes; write nothing')
    .option('--api-url <url>', 'GitHub Enterprise Server API, e.g. https://github.example.com/api/v3')
    .action(async (options: SyncArgs) => {
      const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
      try {
        process.exitCode = await runSync(options, io);
      } catch (error) {
        io.err(describeSyncFailure(error, options.apiUrl));
        process.exitCode = 1;
      }
    });
}
