import type { ApplicationFunction, Probot } from 'probot';
import type { GitHubClient } from './github/client.js';
import { paceClient } from './github/client.js';
import { statusOf } from './github/errors.js';
import { PacerRegistry } from './github/pacer.js';
import { onCheckRun, onCheckSuite, onMergeGroup } from './handlers/on-check.js';
import { onIssueState } from './handlers/on-issues.js';
import { onPullRequest } from './handlers/on-pull-request.js';
import { onPush } from './handlers/on-push.js';
import { InProcessQueue } from './queue/in-process-queue.js';
import type { JobQueue } from './queue/jobs.js';
import { runJob } from './sync/run-job.js';
import type { Services } from './sync/services.js';

export interface SpecSyncOptions {
  /** Scales the pacer's intervals and windows (1 in production; tests and benchmarks run faster clocks). */
  timeScale?: number;
  /** Delay before retrying a job that failed for a passing reason. */
  retryDelayMs?: number;
  /** Called with the running queue, so tests can wait for the work a webhook started. */
  onStart?: (runtime: { queue: JobQueue }) => void;
}

/** Network failures and 5xx answers pass; a bad config or a 4xx will not fix itself by retrying. */
export function isTransient(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    const status = statusOf(cause);
    if (status !== undefined) return status >= 500 || status === 403 || status === 429;
  }
  return error instanceof Error && error.name !== 'ConfigError';
}

/** The Probot app: handlers turn events into jobs; the queue runs them after the webhook is answered. */
export function createSpecSyncApp(options: SpecSyncOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    const pacers = new PacerRegistry({ timeScale: options.timeScale ?? 1 });
    const services: Services = {
      clientFor: async (installationId) => {
        const client = (await app.auth(installationId)) as unknown as GitHubClient;
        paceClient(client, pacers.for(String(installationId)));
        return client;
      },
      log: app.log,
      queue: undefined as unknown as JobQueue,
    };
    const queue = new InProcessQueue((job) => runJob(job, services), {
      log: app.log,
      isTransient,
      retryDelayMs: options.retryDelayMs ?? 2000,
    });
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
    app.on(['issues.closed', 'issues.reopened'], (context) => onIssueState(context, queue));
    app.on(['check_suite.requested', 'check_suite.rerequested'], (context) => onCheckSuite(context, queue));
    app.on(['check_run.rerequested', 'check_run.requested_action'], (context) => onCheckRun(context, queue));
    app.on('merge_group.checks_requested', (context) => onMergeGroup(context, queue));
    options.onStart?.({ queue });
  };
}
