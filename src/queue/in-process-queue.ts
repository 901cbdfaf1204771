import { type Job, type JobHandler, type JobQueue, jobKey, sameWork } from './jobs.js';

export interface QueueLogger {
  error(data: object, message: string): void;
  info(data: object, message: string): void;
}

export interface InProcessQueueOptions {
  /** Jobs running at once across keys (repositories); jobs of one key always run one at a time. */
  concurrency?: number;
  /** Attempts for a job that failed with a transient error (a 5xx, a dropped connection). */
  attempts?: number;
  /** Delay before the first retry; doubles each time. */
  retryDelayMs?: number;
  isTransient?: (error: unknown) => boolean;
  log: QueueLogger;
}

interface Lane {
  running: boolean;
  waiting: Job[];
}

/**
 * The queue for a single process: the webhook is answered as soon as the job is queued, and the work
 * runs after. Jobs are keyed (jobs.ts) so that two syncs of one repository never overlap.
 */
export class InProcessQueue implements JobQueue {
  readonly #lanes = new Map<string, Lane>();
  readonly #ready: string[] = [];
  #active = 0;
  #idleWaiters: Array<() => void> = [];
  #closed = false;

  constructor(
    private readonly handle: JobHandler,
    private readonly options: InProcessQueueOptions,
  ) {}

  async add(job: Job): Promise<void> {
    if (this.#closed) throw new Error('The job queue is closed');
    const key = jobKey(job);
    const lane = this.#lanes.get(key) ?? { running: false, waiting: [] };
    this.#lanes.set(key, lane);
    lane.waiting = lane.waiting.filter((queued) => !supersedes(job, queued));
    if (lane.waiting.some((queued) => sameWork(queued, job))) return;
    lane.waiting.push(job);
    if (!lane.running && !this.#ready.includes(key)) this.#ready.push(key);
    this.#pump();
  }

  onIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.onIdle();
  }

  #isIdle(): boolean {
    return this.#active === 0 && this.#ready.length === 0;
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

  /** Never rejects: a failed job is logged with its data, so one failure cannot take the process down. */
  async #run(job: Job): Promise<void> {
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.handle(job);
        return;
      } catch (error) {
        const transient = this.options.isTransient?.(error) ?? false;
        if (!transient || attempt >= attempts) {
          this.options.log.error({ err: error, job, attempt }, 'Job failed');
          return;
        }
        this.options.log.info({ job, attempt, reason: (error as Error).message }, 'Job failed, retrying');
        await new Promise((resolve) =>
          setTimeout(resolve, (this.options.retryDelayMs ?? 1000) * 2 ** (attempt - 1)),
        );
      }
    }
  }
}

/** A check of a newer commit replaces a waiting check of the same spec on an older one. */
function supersedes(job: Job, queued: Job): boolean {
  return (
    job.kind === 'check-spec' &&
    queued.kind === 'check-spec' &&
    !queued.rerun &&
    queued.tasksPath === job.tasksPath &&
    queued.branch === job.branch &&
    queued.headSha !== job.headSha
  );
}
