import { createHash } from 'node:crypto';
import { type Job as BullJob, DelayedError, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { type CheckSpecJob, type Job, type JobHandler, jobIdentity, jobKey, syncSuccession } from './jobs.js';
import { type LaneLock, LaneLocks } from './lane-locks.js';
import {
  FAILED_JOBS_KEPT,
  type FailedJob,
  type OperatedQueue,
  type QueueCounts,
  type QueueDeps,
} from './queue-status.js';
import { retryDelayMs } from './retry-delay.js';
import { DELIVERY_MEMORY_MS } from './seen-deliveries.js';

export interface RedisQueueOptions extends QueueDeps {
  url: string;
  /** Prefix of every Redis key (BullMQ's and spec-sync's own), so several deployments can share a server. */
  prefix?: string;
  /** Run jobs in this process (the worker role); without it the queue only takes jobs (the web role). */
  handle?: JobHandler;
  /** A lane lock's lifetime; renewed while its job runs. Also BullMQ's job lock and stalled-check period. */
  lockMs?: number;
  /** How long a job whose lane another process holds waits before it looks again. */
  laneBusyDelayMs?: number;
  deliveryMemoryMs?: number;
}

const QUEUE_NAME = 'jobs';
const DAY_MS = 24 * 60 * 60 * 1000;
const BACKOFF = 'spec-sync';

/**
 * The durable back end: BullMQ on Redis, shared by any number of web and worker processes.
 *
 * - Identity: the deduplication id is a hash of `jobIdentity`; an equal job waiting is not queued twice,
 *   and one arriving while its twin runs waits for it (BullMQ's `keepLastIfActive`).
 * - Redelivery: each (delivery id, job) pair is remembered in Redis for a day; a redelivered webhook
 *   queues nothing.
 * - Exclusion: a job runs only while holding its lane's lock (`jobKey`), a Redis key with expiry and a
 *   fencing token; a job whose lane is busy goes back to the delayed set, so other lanes go on meanwhile.
 * - Newer commits: a check of a spec waiting while a check of a newer commit on the same branch is queued
 *   is skipped when its turn comes (the newest commit each check job saw queued is kept in Redis), and so
 *   is a push's sync of a spec waiting while a newer push's sync of it is queued (`syncSuccession`).
 * - Retries: a transient failure becomes a delayed job (backoff, or `retry-after`), never a sleep in a lane.
 *   A job that fails for good stays in BullMQ's failed set and is logged with its delivery id.
 */
export class RedisQueue implements OperatedQueue {
  readonly #prefix: string;
  readonly #client: Redis;
  readonly #queue: Queue;
  readonly #worker: Worker | undefined;
  readonly #workerClient: Redis | undefined;
  readonly #locks: LaneLocks;
  #closing = false;

  constructor(private readonly options: RedisQueueOptions) {
    this.#prefix = options.prefix ?? 'spec-sync';
    // Adds fail fast when Redis is unreachable, so the webhook is answered with an error GitHub records
    // as a failed delivery (redelivered later) instead of hanging past GitHub's 10 seconds.
    this.#client = new Redis(options.url, { maxRetriesPerRequest: 1 });
    this.#client.on('error', () => undefined); // reported through ready() and failing adds
    this.#queue = new Queue(QUEUE_NAME, { connection: this.#client, prefix: this.#prefix });
    this.#queue.on('error', (error) => options.log.error({ err: error }, 'Job queue error'));
    const lockMs = options.lockMs ?? 30_000;
    this.#locks = new LaneLocks(this.#client, this.#prefix, lockMs, (lane, token) =>
      options.log.error({ lane, token }, 'Lane lock lost while its job ran'),
    );
    if (options.handle) {
      this.#workerClient = new Redis(options.url, { maxRetriesPerRequest: null });
      this.#workerClient.on('error', () => undefined); // BullMQ's worker reconnects and reports
      this.#worker = this.#startWorker(this.#workerClient, lockMs);
    }
  }

  async add(job: Job): Promise<void> {
    if (this.#closing) throw new Error('The job queue is closed');
    const identity = hash(jobIdentity(job));
    const seenKey = job.deliveryId ? this.#seenKey(job.deliveryId, identity) : undefined;
    if (seenKey) {
      const ttl = this.options.deliveryMemoryMs ?? DELIVERY_MEMORY_MS;
      const first = await this.#client.set(seenKey, '1', 'PX', ttl, 'NX');
      if (first !== 'OK') return;
    }
    try {
      // the newest commit asked to be checked on a spec's branch; older waiting checks of it are skipped
      if (job.kind === 'check-spec')
        await this.#client.set(this.#latestCheckKey(job), job.headSha, 'PX', DAY_MS);
      // likewise the newest push's sync of a spec: older waiting ones are skipped
      const succession = job.kind === 'sync-spec' ? syncSuccession(job) : null;
      if (succession)
        await this.#client.set(this.#latestSyncKey(succession.key), succession.head, 'PX', DAY_MS);
      await this.#queue.add(job.kind, job, {
        deduplication: { id: identity, keepLastIfActive: true },
        attempts: this.options.attempts ?? 3,
        backoff: { type: BACKOFF },
        removeOnComplete: true,
        removeOnFail: { count: FAILED_JOBS_KEPT },
      });
    } catch (error) {
      // not queued: a redelivery of this delivery must be taken
      if (seenKey) await this.#client.del(seenKey).catch(() => undefined);
      throw error;
    }
  }

  async counts(): Promise<QueueCounts> {
    const counts = await this.#queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async failedJobs(limit = 50): Promise<FailedJob[]> {
    const jobs = await this.#queue.getFailed(0, limit - 1);
    return jobs.map((failed) => ({
      job: failed.data as Job,
      reason: failed.failedReason,
      attempts: failed.attemptsMade,
      failedAt: failed.finishedOn ?? failed.timestamp,
    }));
  }

  async ready(): Promise<boolean> {
    if (this.#closing) return false;
    try {
      return (await withTimeout(this.#client.ping(), 1000)) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Resolves once nothing waits, runs or is delayed, across every process (tests, benchmarks). */
  async onIdle(): Promise<void> {
    for (;;) {
      const { waiting, active, delayed } = await this.counts();
      if (waiting + active + delayed === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Stops taking jobs; running ones finish (or, past the caller's deadline, go back to Redis when their lock expires). */
  async close(): Promise<void> {
    this.#closing = true;
    const lockMs = this.options.lockMs ?? 30_000;
    if (this.#worker) await closeWithin(this.#worker, lockMs);
    // after a lost connection BullMQ's close can wait on a reconnection forever; disconnecting ends it
    await withTimeout(this.#queue.close(), 1000).catch(() => undefined);
    this.#workerClient?.disconnect();
    this.#client.disconnect();
  }

  #latestCheckKey(job: CheckSpecJob): string {
    return `${this.#prefix}:latest-check:${hash(JSON.stringify([job.owner, job.repo, job.tasksPath, job.branch]))}`;
  }

  #latestSyncKey(succession: string): string {
    return `${this.#prefix}:latest-sync:${hash(succession)}`;
  }

  /**
   * A check of an older commit that waited while a newer commit's check of the same spec and branch was
   * queued, or a push's sync of a spec that waited while a newer push's sync of it was queued.
   */
  async #superseded(job: Job): Promise<boolean> {
    if (job.kind === 'sync-spec') {
      const succession = syncSuccession(job);
      if (!succession) return false;
      const latest = await this.#client.get(this.#latestSyncKey(succession.key));
      return latest !== null && latest !== succession.head;
    }
    if (job.kind !== 'check-spec' || job.rerun) return false;
    const latest = await this.#client.get(this.#latestCheckKey(job));
    return latest !== null && latest !== job.headSha;
  }

  #seenKey(deliveryId: string, identity: string): string {
    return `${this.#prefix}:delivery:${deliveryId}:${identity}`;
  }

  #startWorker(connection: Redis, lockMs: number): Worker {
    const worker = new Worker(QUEUE_NAME, (bullJob, token) => this.#process(bullJob, token), {
      connection,
      prefix: this.#prefix,
      concurrency: this.options.concurrency ?? 4,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      settings: {
        backoffStrategy: (attempt: number, _type?: string, error?: Error) =>
          retryDelayMs(
            attempt,
            this.options.retryDelayMs ?? 1000,
            error ? this.options.askedWaitMs?.(error) : undefined,
            this.options.timeScale,
          ),
      },
    });
    worker.on('failed', (bullJob, error) => {
      if (!bullJob || bullJob.finishedOn === undefined) return; // retried later: not failed yet
      void this.#failedForGood(bullJob.data as Job, error, bullJob.attemptsMade);
    });
    worker.on('error', (error) => this.options.log.error({ err: error }, 'Job worker error'));
    return worker;
  }

  async #process(bullJob: BullJob, token: string | undefined): Promise<void> {
    const job = bullJob.data as Job;
    if (await this.#superseded(job)) return;
    const lock = await this.#locks.acquire(jobKey(job));
    if (!lock) {
      const wait = this.options.laneBusyDelayMs ?? 250;
      await bullJob.moveToDelayed(Date.now() + wait + Math.random() * wait, token);
      throw new DelayedError();
    }
    await this.#runHolding(job, lock);
  }

  async #runHolding(job: Job, lock: LaneLock): Promise<void> {
    try {
      await this.options.handle!(job);
    } catch (error) {
      if (this.options.isTransient?.(error) ?? false) throw error;
      // the user's own error (config, tasks.md) will not fix itself: no retry
      throw Object.assign(new UnrecoverableError((error as Error).message), { cause: error });
    } finally {
      await lock.release();
    }
  }

  async #failedForGood(job: Job, error: Error, attempts: number): Promise<void> {
    this.options.log.error(
      { err: error, deliveryId: job.deliveryId, kind: job.kind, job, attempts },
      'Job failed for good',
    );
    this.options.onFailed?.({ job, reason: error.message, attempts, failedAt: Date.now() });
    // a person may redeliver the webhook to try again
    if (job.deliveryId)
      await this.#client
        .del(this.#seenKey(job.deliveryId, hash(jobIdentity(job))))
        .catch((cause: unknown) =>
          this.options.log.error(
            { err: cause, deliveryId: job.deliveryId },
            'Could not forget a failed delivery: redelivering it is ignored until its record expires',
          ),
        );
  }
}

function hash(identity: string): string {
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/**
 * Lets running jobs finish, but no longer than a lock's lifetime: past it, the worker lets go and the jobs
 * go back to waiting when their locks expire (a stuck connection must not keep a process from stopping).
 */
async function closeWithin(worker: Worker, ms: number): Promise<void> {
  const closed = await withTimeout(
    worker.close().then(() => true),
    ms,
  ).catch(() => false);
  if (!closed) await withTimeout(worker.close(true), 1000).catch(() => undefined);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
