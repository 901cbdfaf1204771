import { type Logger, run } from 'probot';
import { createSpecSyncApp } from '../../src/app.js';
import { specSyncOctokit } from '../../src/github/probot-octokit.js';
import type { JobQueue } from '../../src/queue/jobs.js';
import { withWebhookGuard } from '../../src/web/webhook-guard.js';
import type { WorkerPool } from '../../src/workers/worker-pool.js';
import { type GitHubSim, type SimOptions, startGitHubSim } from '../github-sim/index.js';
import { type DeliveryTarget, deliver, pushPayload } from '../github-sim/webhooks.js';
import { freePort } from '../support/free-port.js';
import { runtimeTestEnv, signalListeners, stopRuntimes } from '../support/runtime-env.js';

/**
 * The real app (Probot's own runner and server, over HTTP) against the GitHub simulator, as in production
 * but with GHE_HOST pointing at the simulator. Retries are off, as Probot's testing guide advises;
 * spec-sync's pacer runs on a clock a thousand times faster.
 */
export interface Harness {
  sim: GitHubSim;
  /** Where the app receives webhooks, with its secret: pass as `deliverTo`. */
  app: DeliveryTarget;
  /** `owner/name` of the repository the harness created. */
  repo: string;
  /** Delivers the push event of a commit already on a branch (a redelivery, or a push delivered late). */
  deliverPush(sha: string, branch?: string): Promise<number>;
  /** Resolves when every job the delivered webhooks started (and the jobs those queued) has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  repo?: string;
  defaultBranch?: string;
  files?: Record<string, string>;
  protectedBranches?: string[];
  sim?: SimOptions;
  /** Pacer clock scale; 0.001 turns GitHub's one-second spacing into a millisecond. */
  timeScale?: number;
  /** The app's logger (Probot's own, silent unless SPEC_SYNC_TEST_LOG is set, by default). */
  log?: Logger;
  /** `false` sends every read plain, without `If-None-Match` (to compare with the app's conditional reads). */
  conditionalRequests?: boolean;
}

export const WEBHOOK_SECRET = 'e2e-secret';

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startGitHubSim({ validateResponses: true, ...options.sim });
  const repo = options.repo ?? 'acme/shop';
  sim.createRepo(repo, {
    defaultBranch: options.defaultBranch ?? 'main',
    files: options.files ?? { 'README.md': '# shop\n' },
    protectedBranches: options.protectedBranches,
  });
  let queue: JobQueue | undefined;
  let workers: WorkerPool | undefined;
  const app = createSpecSyncApp({
    timeScale: options.timeScale ?? 0.001,
    retryDelayMs: 5,
    processMetrics: false,
    ...(options.conditionalRequests === false ? { responses: false as const } : {}),
    onStart: (runtime) => {
      queue = runtime.queue;
      workers = runtime.workers;
    },
  });
  const port = await freePort();
  // Probot's runner adds SIGINT/SIGTERM handlers per server; remove ours on close so many harnesses can run.
  const signalsBefore = signalListeners();
  const server = await run(withWebhookGuard(app, { secret: WEBHOOK_SECRET }), {
    log: options.log,
    env: runtimeTestEnv(sim, undefined, port, WEBHOOK_SECRET),
    Octokit: specSyncOctokit({ retry: false }),
  });
  const target = { url: `http://127.0.0.1:${port}/api/github/webhooks`, secret: WEBHOOK_SECRET };
  return {
    sim,
    app: target,
    repo,
    deliverPush: async (sha, branch) => {
      const state = sim.state.repo(repo)!;
      const commit = state.commits.get(sha);
      if (!commit) throw new Error(`no commit ${sha}`);
      const payload = pushPayload(sim.state, state, {
        branch: branch ?? state.defaultBranch,
        before: commit.parents[0] ?? '0'.repeat(40),
        after: sha,
        commits: [commit],
      });
      return deliver(target.url, target.secret, 'push', payload);
    },
    idle: async () => {
      await queue?.onIdle();
    },
    close: async () => {
      await queue?.close();
      await workers?.close();
      await stopRuntimes([server], signalsBefore);
      await sim.close();
    },
  };
}
