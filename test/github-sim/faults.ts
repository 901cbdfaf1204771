import type { RateSnapshot } from './route-types.js';

export type FaultKind = 'server-error' | 'drop' | 'lost-response' | 'slow';

/** One injected misbehaviour, matched by method and OpenAPI route template. */
export interface FaultRule {
  kind: FaultKind;
  method?: string;
  /** OpenAPI template, e.g. `/repos/{owner}/{repo}/issues`. */
  route?: string;
  /** Fire on the Nth matching request only (1-based). */
  nth?: number;
  /** Fire on this share of matching requests (0..1), drawn from the seeded generator. */
  rate?: number;
  /** Stop after firing this many times. */
  times?: number;
  /** Status for `server-error` (default 502). */
  status?: number;
  /** Delay for `slow` (default 1000 ms). */
  delayMs?: number;
}
export interface PrimaryLimit {
  limit: number;
  /** Requests left in the current window (default: `limit`). */
  remaining?: number;
  /** Window length; GitHub's is one hour. */
  windowMs?: number;
}
export interface SecondaryLimit {
  /** GitHub: at most 80 content-creating requests per minute. */
  perMinute?: number;
  /** GitHub: at most 500 content-creating requests per hour. */
  perHour?: number;
  /** GitHub: at most 100 concurrent requests. */
  concurrent?: number;
  /** Length of the "minute" window (default 60 000 ms); the "hour" is 60 of them. */
  windowMs?: number;
  retryAfterSeconds?: number;
  status?: 403 | 429;
}
export interface SimFaults {
  rateLimit?: PrimaryLimit;
  secondaryLimit?: SecondaryLimit;
  rules: FaultRule[];
  seed: number;
}

export const DEFAULT_RATE_LIMIT = 5000;
const HOUR_MS = 3_600_000;

/** mulberry32: small, seedable, good enough to pick which requests fail (and to script a test's load). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SecondaryHit {
  status: number;
  retryAfter: number;
}

/** Keeps the counters behind the configured faults; the server asks it about every request. */
export class FaultEngine {
  readonly config: SimFaults;
  #random: () => number;
  #seed: number;
  #window: { limit: number; remaining: number; resetAt: number } | undefined;
  #creating: number[] = [];
  readonly #matched = new Map<FaultRule, number>();
  readonly #fired = new Map<FaultRule, number>();

  constructor(config: SimFaults) {
    this.config = config;
    this.#seed = config.seed;
    this.#random = prng(config.seed);
  }

  /** Counts a request against the primary limit; returns the header values and whether it is spent. */
  primary(now: number): RateSnapshot & { exceeded: boolean } {
    const config = this.config.rateLimit ?? { limit: DEFAULT_RATE_LIMIT };
    const windowMs = config.windowMs ?? HOUR_MS;
    if (!this.#window || now >= this.#window.resetAt || this.#window.limit !== config.limit) {
      this.#window = {
        limit: config.limit,
        remaining: config.remaining ?? config.limit,
        resetAt: now + windowMs,
      };
      // a test may set `remaining` once; later windows start full
      delete config.remaining;
    }
    const exceeded = this.#window.remaining <= 0;
    if (!exceeded) this.#window.remaining -= 1;
    return { ...this.#snapshot(this.#window), exceeded };
  }

  /** The primary limit's current window, without counting a request (undefined before the first one). */
  peek(): RateSnapshot | undefined {
    return this.#window && this.#snapshot(this.#window);
  }

  /** Gives back the point `primary` took, for an answer GitHub does not count (a 304). */
  refund(): RateSnapshot {
    const window = this.#window!;
    window.remaining = Math.min(window.limit, window.remaining + 1);
    return this.#snapshot(window);
  }

  #snapshot(window: { limit: number; remaining: number; resetAt: number }): RateSnapshot {
    return {
      limit: window.limit,
      remaining: window.remaining,
      reset: Math.ceil(window.resetAt / 1000),
      used: window.limit - window.remaining,
    };
  }

  /** Checks the secondary limits before a request runs. */
  secondary(now: number, contentCreating: boolean, inFlight: number): SecondaryHit | undefined {
    const config = this.config.secondaryLimit;
    if (!config) return undefined;
    const hit = { status: config.status ?? 403, retryAfter: config.retryAfterSeconds ?? 60 };
    if (config.concurrent !== undefined && inFlight > config.concurrent) return hit;
    if (!contentCreating) return undefined;
    const minute = config.windowMs ?? 60_000;
    this.#creating = this.#creating.filter((time) => now - time < minute * 60);
    const lastMinute = this.#creating.filter((time) => now - time < minute).length;
    if (config.perMinute !== undefined && lastMinute >= config.perMinute) return hit;
    if (config.perHour !== undefined && this.#creating.length >= config.perHour) return hit;
    this.#creating.push(now);
    return undefined;
  }

  /** The rule that fires for this request, if any. */
  pick(method: string, route: string): FaultRule | undefined {
    if (this.config.seed !== this.#seed) {
      this.#seed = this.config.seed;
      this.#random = prng(this.#seed);
    }
    for (const rule of this.config.rules) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (rule.route && rule.route !== route) continue;
      const count = (this.#matched.get(rule) ?? 0) + 1;
      this.#matched.set(rule, count);
      if ((this.#fired.get(rule) ?? 0) >= (rule.times ?? Number.POSITIVE_INFINITY)) continue;
      const fires = rule.nth !== undefined ? count === rule.nth : this.#random() < (rule.rate ?? 1);
      if (!fires) continue;
      this.#fired.set(rule, (this.#fired.get(rule) ?? 0) + 1);
      return rule;
    }
    return undefined;
  }
}
