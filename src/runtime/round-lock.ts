import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Decides which process runs a scheduled round, so that N processes do not run it N times. */
export interface RoundLock {
  /** True for the one caller that may run the round now; nobody else gets it for `ttlMs`. */
  claim(ttlMs: number): Promise<boolean>;
}

/**
 * A claim lasts a little less than the interval: the process that ran a round can claim the next one at
 * its next tick, while another process's tick within the interval finds the round taken.
 */
export const CLAIM_SHARE = 0.9;

/** The in-process back end: one process, so every tick is its round. */
export const SOLE_PROCESS: RoundLock = { claim: async () => true };

/**
 * Processes sharing a Redis server: the first to `SET NX PX` the round's key runs the round; the key expires
 * by itself, so a process that dies holding it stops no later round.
 */
export class RedisRoundLock implements RoundLock {
  readonly #holder = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  async claim(ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.key, this.#holder, 'PX', ttlMs, 'NX')) === 'OK';
  }
}

/**
 * Runs `round` on start and every `intervalMs` (never when it is 0), in the process that claims each round
 * (`lock`); a round still running skips the next tick, and a failed round is reported and the schedule goes
 * on. Returns a function that stops the schedule.
 */
export function everyRound(
  intervalMs: number,
  lock: RoundLock,
  round: () => Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  if (intervalMs === 0) return () => undefined;
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      if (await lock.claim(Math.floor(intervalMs * CLAIM_SHARE))) await round();
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
