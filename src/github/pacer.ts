/**
 * Paces one installation's requests to GitHub's guidance for integrators, in place of Octokit's throttling
 * plugin (whose defaults space issue creations 3 s apart: a 300-task spec would take 15 minutes).
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 */

/**
 * "Make requests for a single user or client ID serially" and "wait at least one second between each"
 * mutating request: writes run one at a time, each starting at least this long after the previous one
 * started (counting from its end instead would add a request's latency to every write: 300 creates at
 * 400 ms each would take 7 minutes instead of 5).
 */
export const MIN_WRITE_INTERVAL_MS = 1000;
/** Secondary limit: "no more than 80 content-generating requests per minute". */
export const MAX_CONTENT_CREATING_PER_MINUTE = 80;
/** Secondary limit: "no more than 500 content-generating requests per hour". */
export const MAX_CONTENT_CREATING_PER_HOUR = 500;
/** Secondary limit: "no more than 100 concurrent requests"; we stay far below it. */
export const MAX_CONCURRENT_READS = 8;

export interface PacerOptions {
  /** Multiplies every interval and window; tests and benchmarks run the same rules on a faster clock. */
  timeScale?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the gateway's client needs of a pacer, whether it lives in this process or in Redis. */
export interface RequestPacer {
  /** Runs a mutating request at the installation's pace, one at a time. */
  write<T>(send: () => Promise<T>): Promise<T>;
  /** Runs a read, respecting any pause GitHub asked for. */
  read<T>(send: () => Promise<T>): Promise<T>;
  /** GitHub said to wait (`retry-after`, or a reset time): hold every request of this installation until then. */
  pause(ms: number): void | Promise<void>;
}

/** Hands out the pacer of an installation. */
export interface PacerSource {
  for(key: string): RequestPacer;
}

export class Pacer implements RequestPacer {
  readonly #scale: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  #writeChain: Promise<void> = Promise.resolve();
  #lastWrite = Number.NEGATIVE_INFINITY;
  #contentCreated: number[] = [];
  #pausedUntil = 0;
  #reads = 0;
  #readWaiters: Array<() => void> = [];

  constructor(options: PacerOptions = {}) {
    this.#scale = options.timeScale ?? 1;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? defaultSleep;
  }

  /**
   * Runs a mutating request after the previous one, at GitHub's pace. Every mutating request counts against
   * the content-creating limits: GitHub does not publish which ones are exempt, so we assume none are.
   */
  write<T>(send: () => Promise<T>): Promise<T> {
    const turn = this.#writeChain.then(() => this.#waitForWriteSlot());
    this.#writeChain = turn.catch(() => undefined);
    return turn.then(send);
  }

  /** Runs a read, at most MAX_CONCURRENT_READS at once, respecting any pause. */
  async read<T>(send: () => Promise<T>): Promise<T> {
    await this.#waitWhilePaused();
    if (this.#reads >= MAX_CONCURRENT_READS) {
      await new Promise<void>((resolve) => this.#readWaiters.push(resolve));
    }
    this.#reads += 1;
    try {
      return await send();
    } finally {
      this.#reads -= 1;
      this.#readWaiters.shift()?.();
    }
  }

  /** GitHub said to wait (`retry-after`, or a reset time): hold every request of this installation until then. */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms * this.#scale);
  }

  async #waitWhilePaused(): Promise<void> {
    for (let wait = this.#pausedUntil - this.#now(); wait > 0; wait = this.#pausedUntil - this.#now()) {
      await this.#sleep(wait);
    }
  }

  async #waitForWriteSlot(): Promise<void> {
    for (;;) {
      await this.#waitWhilePaused();
      const wait = this.#writeDelay();
      if (wait <= 0) break;
      await this.#sleep(wait);
    }
    this.#lastWrite = this.#now();
    this.#contentCreated.push(this.#lastWrite);
  }

  #writeDelay(): number {
    const now = this.#now();
    const minute = 60_000 * this.#scale;
    const hour = 3_600_000 * this.#scale;
    this.#contentCreated = this.#contentCreated.filter((at) => now - at < hour);
    let wait = this.#lastWrite + MIN_WRITE_INTERVAL_MS * this.#scale - now;
    const lastMinute = this.#contentCreated.filter((at) => now - at < minute);
    if (lastMinute.length >= MAX_CONTENT_CREATING_PER_MINUTE) {
      wait = Math.max(wait, lastMinute[0]! + minute - now);
    }
    if (this.#contentCreated.length >= MAX_CONTENT_CREATING_PER_HOUR) {
      wait = Math.max(wait, this.#contentCreated[0]! + hour - now);
    }
    return wait;
  }
}

/** One pacer per installation per process: every job of that installation shares it. */
export class PacerRegistry implements PacerSource {
  readonly #pacers = new Map<string, Pacer>();
  constructor(private readonly options: PacerOptions = {}) {}

  for(key: string): Pacer {
    let pacer = this.#pacers.get(key);
    if (!pacer) {
      pacer = new Pacer(this.options);
      this.#pacers.set(key, pacer);
    }
    return pacer;
  }
}
