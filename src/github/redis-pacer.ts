import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RetryLaterError } from './errors.js';
import {
  MAX_CONTENT_CREATING_PER_HOUR,
  MAX_CONTENT_CREATING_PER_MINUTE,
  MIN_WRITE_INTERVAL_MS,
  Pacer,
  type PacerSource,
  type RequestPacer,
} from './pacer.js';

/**
 * A write slot's lifetime, renewed while its write runs: a process that died mid-request frees the slot by
 * itself this soon. Not scaled: a request takes as long as it takes, whatever the pacer's clock.
 */
export const WRITE_SLOT_MS = 30_000;
/** How often a writer looks again while another process holds the installation's write slot. */
const BUSY_POLL_MS = 50;

// Every script reads Redis's clock (TIME), so that processes on hosts whose clocks differ share one time.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * Takes the installation's write slot when its rules allow it now, notes the write's start (the next one
 * starts an interval later), and returns 0; otherwise returns how long to wait (-1: another process is
 * writing). KEYS: slot, last write, content-created set, pause.
 * ARGV: token, interval, minute, hour, max per minute, max per hour, slot lifetime.
 */
const TAKE_WRITE_SLOT = `${NOW}
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local interval, minute, hour = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local wait = tonumber(redis.call('GET', KEYS[4]) or '0') - now
local last = redis.call('GET', KEYS[2])
if last then wait = math.max(wait, tonumber(last) + interval - now) end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - hour)
if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[6]) then
  local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + hour - now)
end
local recent = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. (now - minute), '+inf', 'WITHSCORES')
local perMinute = tonumber(ARGV[5])
if #recent / 2 >= perMinute then
  wait = math.max(wait, tonumber(recent[(#recent / 2 - perMinute) * 2 + 2]) + minute - now)
end
if wait > 0 then return math.ceil(wait) end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[7])
redis.call('SET', KEYS[2], now, 'PX', math.max(1, math.ceil(hour)))
redis.call('ZADD', KEYS[3], now, ARGV[1])
redis.call('PEXPIRE', KEYS[3], math.ceil(hour))
return 0`;

/** Frees the write slot if the caller still holds it. */
const END_WRITE = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end return 0`;

/** Extends the slot's lifetime while the caller still holds it. */
const RENEW_SLOT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/** Extends the pause to `now + ARGV[1]` unless a longer one is already set. */
const PAUSE = `${NOW}
local untilAt = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilAt > current then redis.call('SET', KEYS[1], untilAt, 'PX', math.max(1, math.ceil(tonumber(ARGV[1])))) end
return 0`;

/** How long the installation's pause still lasts (0 when none). */
const PAUSE_LEFT = `${NOW}
return math.max(0, tonumber(redis.call('GET', KEYS[1]) or '0') - now)`;

export interface RedisPacerOptions {
  /** Prefix of every key, the queue's (`spec-sync` by default). */
  prefix?: string;
  timeScale?: number;
  /** The write slot's lifetime (WRITE_SLOT_MS by default; the deployment's lock lifetime in src/runtime). */
  slotMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One installation's pace shared by every process on a Redis server: GitHub's limits hold whatever the
 * number of workers. The write slot, the last write's time, the content-creating requests of the last
 * hour and the pause GitHub asked for live in Redis; each decision is one Lua script, so it is atomic.
 * Reads are limited per process (pacer.ts's MAX_CONCURRENT_READS each; a few workers stay far under GitHub's 100).
 * When Redis cannot be reached the request is not sent and the job is retried later (RetryLaterError).
 */
export class RedisPacer implements RequestPacer {
  readonly #keys: { slot: string; last: string; created: string; pause: string };
  readonly #scale: number;
  readonly #slotMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  /** Orders this process's writes and limits its reads; Redis orders the processes. */
  readonly #local: Pacer;

  constructor(
    private readonly redis: Redis,
    installation: string,
    options: RedisPacerOptions = {},
  ) {
    const base = `${options.prefix ?? 'spec-sync'}:pace:${installation}`;
    this.#keys = {
      slot: `${base}:slot`,
      last: `${base}:last`,
      created: `${base}:created`,
      pause: `${base}:pause`,
    };
    this.#scale = options.timeScale ?? 1;
    this.#slotMs = options.slotMs ?? WRITE_SLOT_MS;
    this.#sleep = options.sleep ?? defaultSleep;
    // the local pacer only queues: Redis applies every interval and window
    this.#local = new Pacer({ timeScale: 0, sleep: this.#sleep });
  }

  write<T>(send: () => Promise<T>): Promise<T> {
    return this.#local.write(async () => {
      const token = randomUUID();
      await this.#takeWriteSlot(token);
      const renew = setInterval(() => {
        // a missed renewal is tried again at the next tick; expiry is the backstop
        this.redis.eval(RENEW_SLOT, 1, this.#keys.slot, token, this.#slotMs).catch(() => undefined);
      }, this.#slotMs / 3);
      renew.unref();
      try {
        return await send();
      } finally {
        clearInterval(renew);
        await this.#shared(() => this.redis.eval(END_WRITE, 1, this.#keys.slot, token)).catch(
          () => undefined,
        ); // the slot expires by itself
      }
    });
  }

  read<T>(send: () => Promise<T>): Promise<T> {
    return this.#local.read(async () => {
      await this.#waitWhilePaused();
      return send();
    });
  }

  async pause(ms: number): Promise<void> {
    // when Redis is out of reach the next request fails anyway, and its job is retried later
    await this.#shared(() => this.redis.eval(PAUSE, 1, this.#keys.pause, this.#scaled(ms))).catch(
      () => undefined,
    );
  }

  async #takeWriteSlot(token: string): Promise<void> {
    for (;;) {
      const wait = Number(
        await this.#shared(() =>
          this.redis.eval(
            TAKE_WRITE_SLOT,
            4,
            this.#keys.slot,
            this.#keys.last,
            this.#keys.created,
            this.#keys.pause,
            token,
            this.#scaled(MIN_WRITE_INTERVAL_MS),
            this.#scaled(60_000),
            this.#scaled(3_600_000),
            MAX_CONTENT_CREATING_PER_MINUTE,
            MAX_CONTENT_CREATING_PER_HOUR,
            this.#slotMs,
          ),
        ),
      );
      if (wait === 0) return;
      await this.#sleep(
        wait < 0 ? Math.max(1, Math.min(BUSY_POLL_MS, this.#scaled(MIN_WRITE_INTERVAL_MS))) : wait,
      );
    }
  }

  async #waitWhilePaused(): Promise<void> {
    for (;;) {
      const left = Number(await this.#shared(() => this.redis.eval(PAUSE_LEFT, 1, this.#keys.pause)));
      if (left <= 0) return;
      await this.#sleep(left);
    }
  }

  #scaled(ms: number): number {
    return ms * this.#scale;
  }

  async #shared<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new RetryLaterError('The shared rate-limit pacer (Redis) could not be reached', { cause: error });
    }
  }
}

/** One Redis-backed pacer per installation; every process on the same Redis server shares its budget. */
export class RedisPacerRegistry implements PacerSource {
  readonly #pacers = new Map<string, RedisPacer>();
  constructor(
    private readonly redis: Redis,
    private readonly options: RedisPacerOptions = {},
  ) {}

  for(key: string): RedisPacer {
    let pacer = this.#pacers.get(key);
    if (!pacer) {
      pacer = new RedisPacer(this.redis, key, this.options);
      this.#pacers.set(key, pacer);
    }
    return pacer;
  }
}
