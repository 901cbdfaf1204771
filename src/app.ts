import type { ApplicationFunction, ApplicationFunctionOptions, Probot } from 'probot';
import type { GitHubClient } from './github/client.js';
import { paceClient, type RequestObserver } from './github/client.js';
import { ConditionalCache, type ResponseCacheSource } from './github/conditional-cache.js';
import { PacerRegistry, type PacerSource } from './github/pacer.js';
import { onCheckRun, onCheckSuite, onMergeGroup } from './handlers/on-check.js';
import { onInstallation } from './handlers/on-installation.js';
import { onIssueState } from './handlers/on-issues.js';
import { onPullRequest } from './handlers/on-pull-request.js';
import { onPush } from './handlers/on-push.js';
import { Metrics } from './metrics.js';
import { InProcessQueue } from './queue/in-process-queue.js';
import type { Job, JobQueue } from './queue/jobs.js';
import type { FailedJob, OperatedQueue, QueueDeps, QueueFactory } from './queue/queue-status.js';
import { runJob } from './sync/run-job.js';
import { askedWaitMs, classifyError } from './sync/shared/error-policy.js';
import type { Services } from './sync/shared/services.js';
import { warmBuiltinTemplates } from './sync/shared/templates.js';
import { WorkerPool } from './workers/worker-pool.js';

export interface SpecSyncOptions {
  /** Scales the pacer's intervals and windows (1 in production; tests and benchmarks run faster clocks). */
  timeScale?: number;
  /** Delay before retrying a job that failed for a passing reason. */
  retryDelayMs?: number;
  /** Also export Node's process metrics (memory, event loop); tests that start many apps turn it off. */
  processMetrics?: boolean;
  /** The process's worker threads for parsing untrusted text; made here when not given. */
  workers?: WorkerPool;
  /** Called with the running queue, so tests can wait for the work a webhook started (and stop the workers). */
  onStart?: (runtime: { queue: OperatedQueue; metrics: Metrics; workers: WorkerPool }) => void;
  /** The queue's back end (src/runtime picks Redis for web and worker roles); in-process by default. */
  createQueue?: QueueFactory;
  /** Each installation's pacer; per process by default (src/runtime shares them through Redis). */
  pacers?: PacerSource;
  /** Each installation's kept answers for conditional reads (per process by default); `false` sends every read plain. */
  responses?: ResponseCacheSource | false;
}

/**
 * The queue's retry rule, the same for every back end: only transient failures (network, 5xx, 429, a 403
 * that is a rate limit) are retried; a spec problem or any other failure is not (src/sync/shared/error-policy.ts).
 */
export function isTransient(error: unknown): boolean {
  return classifyError(error) === 'transient';
}

/** The Probot app: handlers turn events into jobs; the queue runs them after the webhook is answered. */
export function createSpecSyncApp(options: SpecSyncOptions = {}): ApplicationFunction {
  return (app: Probot, { addHandler }: ApplicationFunctionOptions) => {
    const pacers = options.pacers ?? new PacerRegistry({ timeScale: options.timeScale ?? 1 });
    // Outlives jobs, as the pacers do: the next push's reads of what did not change are answered 304.
    const responses = options.responses === false ? undefined : (options.responses ?? new ConditionalCache());
    warmBuiltinTemplates();
    const metrics = new Metrics({ processMetrics: options.processMetrics ?? true });
    addHandler?.(metrics.handler());
    // One pool per process: every job's tasks.md, issue plan and pull request scan run in its threads.
    const workers = options.workers ?? new WorkerPool();
    const observe: RequestObserver = {
      response: (method, status) => metrics.requests.inc({ method, status: String(status) }),
      rateLimited: () => metrics.rateLimitWaits.inc(),
    };
    const services: Services = {
      clientFor: async (installationId) => {
        const client = (await app.auth(installationId)) as unknown as GitHubClient;
        const installation = String(installationId);
        const observeInstallation: RequestObserver = {
          ...observe,
          rateLimitRemaining: (remaining) => metrics.rateLimitRemaining.set({ installation }, remaining),
        };
        paceClient(client, pacers.for(installation), observeInstallation, responses?.for(installation));
        return client;
      },
      log: app.log,
      workers,
      queue: undefined as unknown as JobQueue,
    };
    const handle = (job: Job) => measureJob(metrics, job, () => runJob(job, services));
    const deps: QueueDeps = {
      log: app.log,
      isTransient,
      askedWaitMs,
      retryDelayMs: options.retryDelayMs ?? 2000,
      timeScale: options.timeScale,
      onFailed: (failure) => {
        metrics.jobsFailed.inc({ kind: failure.job.kind });
        reportFailedSync(queue, failure).catch((error: unknown) =>
          app.log.error({ err: error, deliveryId: failure.job.deliveryId }, 'Could not report a failed sync'),
        );
      },
    };
    const queue: OperatedQueue = options.createQueue?.(handle, deps) ?? new InProcessQueue(handle, deps);
    services.queue = queue;

    app.on('push', (context) => onPush(context, queue));
    app.on(
      [
        'pull_request.closed',
        'pull_request.opened',
        'pull_request.reopened',
        'pull_request.edited',
        'pull_request.synchronize',
      ],
      (context) => onPullRequest(context, queue),
    );
    const isSelf = selfLogin(app);
    app.on(['issues.closed', 'issues.reopened'], (context) => onIssueState(context, queue, isSelf));
    app.on(['check_suite.requested', 'check_suite.rerequested'], (context) => onCheckSuite(context, queue));
    app.on(['check_run.rerequested', 'check_run.requested_action'], (context) => onCheckRun(context, queue));
    app.on('merge_group.checks_requested', (context) => onMergeGroup(context, queue));
    app.on(['installation.created', 'installation_repositories.added'], (context) =>
      onInstallation(context, queue),
    );
    options.onStart?.({ queue, metrics, workers });
  };
}

/**
 * A sync that failed for good and was asked to check a commit queues that check with the failure, so the
 * spec's check run says what failed (it runs in the spec's check lane, after any check of it queued before).
 */
async function reportFailedSync(queue: JobQueue, { job, reason, attempts }: FailedJob): Promise<void> {
  if (job.kind !== 'sync-spec' || !job.check) return;
  const { installationId, owner, repo, deliveryId, repository, tasksPath } = job;
  await queue.add({
    kind: 'check-spec',
    installationId,
    owner,
    repo,
    deliveryId,
    repository,
    tasksPath,
    ...job.check,
    syncFailure: { reason, attempts },
  });
}

/**
 * Whether a login is this app's own bot account (`<slug>[bot]`), asked of GitHub once per process. If that
 * question fails, every bot counts as this app: missing another bot's close beats echoing our own.
 */
function selfLogin(app: Probot): (login: string) => Promise<boolean> {
  let own: Promise<string | null> | undefined;
  return async (login) => {
    own ??= app
      .auth()
      .then((octokit) => octokit.rest.apps.getAuthenticated())
      .then(({ data }) => (data?.slug ? `${data.slug}[bot]` : null))
      .catch((error: unknown) => {
        app.log.warn({ err: error }, 'Could not read the app slug; every bot is taken for this app');
        own = undefined;
        return null;
      });
    const mine = await own;
    return mine === null || login.toLowerCase() === mine.toLowerCase();
  };
}

async function measureJob(metrics: Metrics, job: Job, run: () => Promise<void>): Promise<void> {
  const stop = metrics.jobSeconds.startTimer({ kind: job.kind });
  let outcome = 'failed';
  try {
    await run();
    outcome = 'done';
  } finally {
    metrics.jobs.inc({ kind: job.kind, outcome });
    stop({ outcome });
  }
}
