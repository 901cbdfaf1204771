import { type Job, type JobHandler, jobIdentity, jobKey, sameWork, syncSuccession } from './jobs.js';
import {
  FAILED_JOBS_KEPT,
  type FailedJob,
  type OperatedQueue,
  type QueueCounts,
  type QueueDeps,
} from './queue-status.js';
import { retryDelayMs } from './retry-delay.js';
import { SeenDeliveries } from './seen-deliveries.js';

interface Lane {
  running: boolean;
  waiting: Job[];
}

/** Attempts already made by a job that waits for its retry (absent: none yet). */
type Attempts = WeakMap<Job, number>;

/**
 * The queue for a single process: the webhook is answered as soon as the job is queued, and the work
 * runs after. Jobs are keyed (jobs.ts) so that two syncs of one repository never overlap.
 */
export class InProcessQueue implements OperatedQueue {
  readonly #lanes = new Map<string, Lane>();
  readonly #seen = new SeenDeliveries();
  readonly #failed: FailedJob[] = [];
  readonly #ready: string[] = [];
  readonly #attempts: Attempts = new WeakMap();
  /** Retries waiting for their backoff, outside any lane: the lane runs its other jobs meanwhile. */
  readonly #delayed = new Map<NodeJS.Timeout, Job>();
  #active = 0;
  #idleWaiters: Array<() => void> = [];
  #closed = false;

  constructor(
    private readonly handle: JobHandler,
    private readonly options: QueueDeps,
  ) {}

  async add(job: Job): Promise<void> {
    if (this.#closed) throw new Error('The job queue is closed');
    if (job.deliveryId && !this.#seen.first(job.deliveryId, jobIdentity(job))) return; // a redelivery
    this.#enqueue(job, 'back');
  }

  /**
   * Puts a job in its lane: a new one at the back, where it replaces waiting work it supersedes; a retry at
   * the front, unless newer work waiting there supersedes it. Nothing is queued twice.
   */
  #enqueue(job: Job, end: 'back' | 'front'): void {
    const key = jobKey(job);
    const lane = this.#lanes.get(key) ?? { running: false, waiting: [] };
    this.#lanes.set(key, lane);
    if (end === 'back') lane.waiting = lane.waiting.filter((queued) => !supersedes(job, queued));
    const covered = (queued: Job) => sameWork(queued, job) || (end === 'front' && supersedes(queued, job));
    if (lane.waiting.some(covered)) return;
    if (end === 'back') lane.waiting.push(job);
    else lane.waiting.unshift(job);
    if (!lane.running && !this.#ready.includes(key)) this.#ready.push(key);
    this.#pump();
  }

  onIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Stops taking jobs and waits for the running and waiting ones. Retries still in their backoff are
   * dropped and logged: this queue lives in memory; the next push, or the scheduled reconcile when it is on,
   * redoes them.
   */
  async close(): Promise<void> {
    this.#closed = true;
    for (const [timer, job] of this.#delayed) {
      clearTimeout(timer);
      this.options.log.error({ deliveryId: job.deliveryId, job }, 'Job dropped at shutdown before its retry');
    }
    this.#delayed.clear();
    this.#pump();
    await this.onIdle();
  }

  async counts(): Promise<QueueCounts> {
    let waiting = 0;
    for (const lane of this.#lanes.values()) waiting += lane.waiting.length;
    return { waiting, active: this.#active, delayed: this.#delayed.size, failed: this.#failed.length };
  }

  async failedJobs(limit = 50): Promise<FailedJob[]> {
    return this.#failed.slice(0, limit);
  }

  async ready(): Promise<boolean> {
    return !this.#closed;
  }

  #isIdle(): boolean {
    return this.#active === 0 && this.#ready.length === 0 && this.#delayed.size === 0;
  }

  #pump(): void {
    const concurrency = this.options.concurrency ?? 4;
    while (this.#active < concurrency && this.#ready.length > 0) {
      const key = this.#ready.shift()!;
      const lane = this.#lanes.get(key)!;
      const job = lane.waiting.shift();
      if (!job) continue;
      lane.running = true;
      this.#active += 1;
      void this.#run(job).finally(() => this.#finish(key, lane));
    }
    if (this.#isIdle()) {
      for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }
  }

  #finish(key: string, lane: Lane): void {
    lane.running = false;
    this.#active -= 1;
    if (lane.waiting.length > 0) this.#ready.push(key);
    else this.#lanes.delete(key);
    this.#pump();
  }

  /**
   * Never rejects: a failed job is logged with its data, so one failure cannot take the process down. A
   * transient failure leaves the lane and comes back after its backoff (#retryLater).
   */
  async #run(job: Job): Promise<void> {
    const attempt = (this.#attempts.get(job) ?? 0) + 1;
    try {
      await this.handle(job);
    } catch (error) {
      const transient = this.options.isTransient?.(error) ?? false;
      if (!transient || attempt >= (this.options.attempts ?? 3) || this.#closed) {
        this.options.log.error({ err: error, deliveryId: job.deliveryId, job, attempt }, 'Job failed');
        this.#keepFailed(job, error, attempt);
        return;
      }
      this.options.log.info({ job, attempt, reason: (error as Error).message }, 'Job failed, retrying');
      const asked = this.options.askedWaitMs?.(error);
      this.#retryLater(
        job,
        attempt,
        retryDelayMs(attempt, this.options.retryDelayMs ?? 1000, asked, this.options.timeScale),
      );
    }
  }

  /** After `waitMs`, the job goes back to the front of its lane (#enqueue). */
  #retryLater(job: Job, attempts: number, waitMs: number): void {
    this.#attempts.set(job, attempts);
    const timer = setTimeout(() => {
      this.#delayed.delete(timer);
      this.#enqueue(job, 'front');
    }, waitMs);
    this.#delayed.set(timer, job);
  }

  #keepFailed(job: Job, error: unknown, attempts: number): void {
    const reason = error instanceof Error ? error.message : String(error);
    const failure = { job, reason, attempts, failedAt: Date.now() };
    this.#failed.unshift(failure);
    this.#failed.length = Math.min(this.#failed.length, FAILED_JOBS_KEPT);
    this.options.onFailed?.(failure);
    // a person may redeliver the webhook to try again
    if (job.deliveryId) this.#seen.forget(job.deliveryId, jobIdentity(job));
  }
}

/**
 * A check of a newer commit replaces a waiting check of the same spec on an older one; a push's sync of a
 * spec (which then checks the pushed commit) replaces a waiting one of an older push, since a sync reads the
 * tracking branch's current head either way.
 */
function supersedes(job: Job, queued: Job): boolean {
  if (job.kind === 'sync-spec' && queued.kind === 'sync-spec') {
    const newer = syncSuccession(job);
    return (
      newer !== null && newer.key === syncSuccession(queued)?.key && newer.head !== queued.check?.headSha
    );
  }
  return (
    job.kind === 'check-spec' &&
    queued.kind === 'check-spec' &&
    !queued.rerun &&
    queued.tasksPath === job.tasksPath &&
    queued.branch === job.branch &&
    queued.headSha !== job.headSha
  );
}
