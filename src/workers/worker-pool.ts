import { availableParallelism } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import { Piscina } from 'piscina';
import { packYielding, unpackYielding } from './chunked-transfer.js';
import { resolveWorkerEntry } from './worker-entry-file.js';
import type { WorkerRequest, WorkerTaskName, WorkerTasks } from './worker-tasks.js';

/** A task that takes longer is stopped: its worker thread is terminated and a fresh one replaces it. */
export const DEFAULT_TASK_TIMEOUT_MS = 5_000;

export interface WorkerPoolOptions {
  /**
   * Threads at most; by default one less than the cores, at least two, so one file that runs out its time
   * budget does not hold every other repository's reading meanwhile.
   */
  threads?: number;
  /** Time budget of one task once it runs (DEFAULT_TASK_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Memory cap of each thread's heap, so one input cannot exhaust the process. */
  maxHeapMb?: number;
}

export interface RunOptions {
  /** Time budget of this task once it runs (the pool's by default). */
  timeoutMs?: number;
  /** Hand the result back frozen throughout, for a caller that shares it (chunked-transfer.ts). */
  freeze?: boolean;
}

export type WorkerOutcome<Name extends WorkerTaskName> =
  | { kind: 'done'; value: WorkerTasks[Name]['output'] }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'failed'; reason: string };

/**
 * Worker threads for CPU-heavy work (Markdown parsing, pull request references, planning a spec's issues
 * with every template rendered), so it
 * never holds the event loop that answers webhooks. Each task has a time budget counted from when a thread
 * is free for it (tasks wait their turn outside the pool, so queueing never eats into a budget; starting a
 * thread that replaces a stopped one does, which is why budgets are seconds, not milliseconds).
 */
export class WorkerPool {
  readonly timeoutMs: number;
  readonly #pool: Piscina<WorkerRequest, unknown>;
  readonly #slots: LimitFunction;

  constructor(options: WorkerPoolOptions = {}) {
    const threads = options.threads ?? Math.max(2, availableParallelism() - 1);
    const entry = resolveWorkerEntry();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
    this.#slots = pLimit(threads);
    this.#pool = new Piscina({
      filename: entry.filename,
      execArgv: entry.execArgv,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
    });
  }

  /** Runs a task in a worker thread; never rejects: a timeout or a crash comes back as an outcome. */
  run<Name extends WorkerTaskName>(
    task: Name,
    input: WorkerTasks[Name]['input'],
    options: RunOptions = {},
  ): Promise<WorkerOutcome<Name>> {
    return this.#slots(() => this.#runNow(task, input, options));
  }

  async #runNow<Name extends WorkerTaskName>(
    task: Name,
    input: WorkerTasks[Name]['input'],
    { timeoutMs = this.timeoutMs, freeze = false }: RunOptions,
  ): Promise<WorkerOutcome<Name>> {
    // Large inputs and outputs cross in slices, turned into records between other work (chunked-transfer.ts).
    const request = { task, input: await packYielding(input) } as WorkerRequest;
    // Aborting a running task makes piscina terminate its thread and start another.
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const packed = (await this.#pool.run(request, { signal })) as WorkerTasks[Name]['output'];
      return { kind: 'done', value: await unpackYielding(packed, { freeze }) };
    } catch (error) {
      if (signal.aborted) return { kind: 'timeout', timeoutMs };
      return {
        kind: 'failed',
        reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      };
    }
  }

  /** Stops every thread, ending tasks still running. */
  async close(): Promise<void> {
    this.#slots.clearQueue();
    await this.#pool.destroy();
  }
}
