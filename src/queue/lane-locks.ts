import type { Redis } from 'ioredis';

// Both scripts act only while the lock still holds the caller's fencing token, so a holder that paused past
// its expiry can neither extend nor release the lock a later holder took.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

export interface LaneLock {
  /** The fencing token: strictly greater than every token handed out before it, for any lane. */
  readonly token: number;
  /** False once the lock expired and may belong to another holder. */
  held(): boolean;
  release(): Promise<void>;
}

/**
 * One holder per lane (jobs.ts's `jobKey`) across every process sharing the Redis server. A lock expires
 * after `ttlMs` unless renewed, so a process that dies (SIGKILL, lost host) frees its lanes by itself.
 */
export class LaneLocks {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
    private readonly onLost: (lane: string, token: number) => void,
  ) {}

  async acquire(lane: string): Promise<LaneLock | null> {
    const key = `${this.prefix}:lane:${lane}`;
    const token = await this.redis.incr(`${this.prefix}:lane-fence`);
    const taken = await this.redis.set(key, String(token), 'PX', this.ttlMs, 'NX');
    if (taken !== 'OK') return null;
    let held = true;
    const renew = async () => {
      const renewed = await this.redis.eval(RENEW, 1, key, String(token), String(this.ttlMs));
      if (renewed === 0 && held) {
        held = false;
        this.onLost(lane, token);
      }
    };
    const timer = setInterval(() => {
      renew().catch(() => undefined); // a missed renewal is retried at the next tick; expiry is the backstop
    }, this.ttlMs / 3);
    timer.unref();
    return {
      token,
      held: () => held,
      release: async () => {
        clearInterval(timer);
        held = false;
        await this.redis.eval(RELEASE, 1, key, String(token));
      },
    };
  }
}
