import type { Job, JobHandler, JobQueue } from './jobs.js';

/** The queue's numbers, as `/healthz` and `/metrics` show them. */
export interface QueueCounts {
  waiting: number;
  active: number;
  /** Waiting for a retry's backoff, or for another process to free the job's lane. */
  delayed: number;
  /** Failed for good and kept for inspection. */
  failed: number;
}

/** A job that failed for good: kept so that an operator can see what and why. */
export interface FailedJob {
  job: Job;
  reason: string;
  attempts: number;
  failedAt: number;
}

/** A queue an operator can look into: what the running app's health check and metrics read. */
export interface OperatedQueue extends JobQueue {
  counts(): Promise<QueueCounts>;
  /** The most recent jobs that failed for good, newest first. */
  failedJobs(limit?: number): Promise<FailedJob[]>;
  /** Whether the queue can take jobs now (Redis reachable, not closing). */
  ready(): Promise<boolean>;
}

/** How many failed jobs a back end keeps (BullMQ's failed set is trimmed to the same number). */
export const FAILED_JOBS_KEPT = 1000;

export interface QueueLogger {
  error(data: object, message: string): void;
  info(data: object, message: string): void;
}

/**
 * What every back end takes: how it logs, which failures it retries and how long it waits; the app gives
 * them (app.ts), tests give what they exercise.
 */
export interface QueueDeps {
  log: QueueLogger;
  /** Jobs this process runs at once, across lanes; jobs of one lane always run one at a time. */
  concurrency?: number;
  /** Attempts for a job that failed with a transient error (a 5xx, a dropped connection). */
  attempts?: number;
  /** Only these failures are retried (none when absent). */
  isTransient?: (error: unknown) => boolean;
  /** Delay before the first retry; doubles each time, and GitHub's asked wait wins when longer. */
  retryDelayMs?: number;
  /** The wait GitHub asked for in a failure (`retry-after`, a rate limit's reset), in milliseconds. */
  askedWaitMs?: (error: unknown) => number | undefined;
  /** Scales GitHub's `retry-after` like the pacer's clock (1 in production). */
  timeScale?: number;
  /** Told of every job that failed for good, in the process that ran it (metrics, the spec's check run). */
  onFailed?: (failure: FailedJob) => void;
}

/** Makes the app's queue: the runtime picks the back end (in-process, or Redis for web and worker roles). */
export type QueueFactory = (handle: JobHandler, deps: QueueDeps) => OperatedQueue;
