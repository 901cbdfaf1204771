import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueCounts } from './queue/queue-status.js';

/** Where the app serves its Prometheus metrics (beside Probot's webhook path). */
export const METRICS_PATH = '/metrics';

/** The app's Prometheus metrics: one registry per app, so tests and several apps in a process stay apart. */
export class Metrics {
  readonly registry = new Registry();

  readonly jobs = new Counter({
    name: 'spec_sync_jobs_total',
    help: 'Jobs run, by kind and outcome (done, failed)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobsFailed = new Counter({
    name: 'spec_sync_jobs_failed_total',
    help: 'Jobs that failed for good (retries exhausted, or an error retrying cannot fix), by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly jobSeconds = new Histogram({
    name: 'spec_sync_job_duration_seconds',
    help: 'Time a job took, by kind and outcome (done, failed)',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [this.registry],
  });

  readonly requests = new Counter({
    name: 'spec_sync_github_requests_total',
    help: 'Requests to GitHub, by method and status (0: no answer)',
    labelNames: ['method', 'status'] as const,
    registers: [this.registry],
  });

  readonly rateLimitWaits = new Counter({
    name: 'spec_sync_rate_limit_waits_total',
    help: 'Times GitHub asked spec-sync to wait (a primary or secondary rate limit)',
    registers: [this.registry],
  });

  readonly rateLimitRemaining = new Gauge({
    name: 'spec_sync_github_rate_limit_remaining',
    help: "Requests left in the installation's primary rate limit, as GitHub's last answer to this process said",
    labelNames: ['installation'] as const,
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'spec_sync_webhook_deliveries_total',
    help: 'Webhook deliveries received, by event',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  #queueCounts: (() => Promise<QueueCounts>) | undefined;

  readonly queueJobs = new Gauge({
    name: 'spec_sync_queue_jobs',
    help: 'Jobs in the queue, by state (waiting, active, delayed, failed); shared by all processes on Redis',
    labelNames: ['state'] as const,
    registers: [this.registry],
    collect: async () => {
      const counts = await this.#queueCounts?.().catch(() => undefined);
      // unreadable (Redis away): show no depth rather than the last one read
      this.queueJobs.reset();
      if (!counts) return;
      for (const [state, count] of Object.entries(counts)) this.queueJobs.set({ state }, count);
    },
  });

  /** Reads the queue's depth at each scrape. */
  watchQueue(counts: () => Promise<QueueCounts>): void {
    this.#queueCounts = counts;
  }

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /**
   * A Probot server handler answering `GET /metrics`; other paths are left to the next handler. With a
   * token (METRICS_TOKEN), only requests carrying `Authorization: Bearer <token>` get the metrics.
   */
  handler(token = process.env.METRICS_TOKEN || undefined) {
    return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== METRICS_PATH) return false;
      if (token !== undefined && !bearerMatches(request.headers.authorization, token)) {
        response.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"' });
        response.end();
        return true;
      }
      const body = await this.registry.metrics();
      response.writeHead(200, { 'content-type': this.registry.contentType });
      response.end(body);
      return true;
    };
  }
}

/** Compares digests, so the time taken tells nothing about how much of the token matched. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}
