import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { LaneLocks } from '../../src/queue/lane-locks.js';
import { startRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let client: Redis;

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
});
afterAll(async () => {
  await client?.quit();
  await redis?.stop();
});

describe('LaneLocks', () => {
  it('gives a lane to one holder at a time, with growing fencing tokens', async () => {
    const locks = new LaneLocks(client, 'locks1', 5000, () => undefined);
    const first = await locks.acquire('acme/shop#write');
    expect(first).not.toBeNull();
    expect(await locks.acquire('acme/shop#write')).toBeNull();
    expect(await locks.acquire('acme/other#write')).not.toBeNull();
    await first!.release();
    const second = await locks.acquire('acme/shop#write');
    expect(second!.token).toBeGreaterThan(first!.token);
  });

  it('frees a lane whose holder stopped renewing, and the late holder cannot release its successor', async () => {
    const lost: number[] = [];
    const locks = new LaneLocks(client, 'locks2', 150, (_lane, token) => lost.push(token));
    const stale = await locks.acquire('acme/shop#write');
    // the holder's process froze: its renewals stop, and the lock expires
    await client.set('locks2:lane:acme/shop#write', 'someone-else', 'PX', 150);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lost).toEqual([stale!.token]);
    expect(stale!.held()).toBe(false);
    const successor = await locks.acquire('acme/shop#write');
    await stale!.release();
    expect(await client.get('locks2:lane:acme/shop#write')).toBe(String(successor!.token));
    await successor!.release();
  });
});

describe('the test Redis server', () => {
  it('fails with the way to install it when redis-server is missing', async () => {
    const saved = process.env.REDIS_SERVER;
    process.env.REDIS_SERVER = '/nonexistent/redis-server';
    try {
      await expect(startRedis()).rejects.toThrow('apt-get install redis-server');
    } finally {
      if (saved === undefined) delete process.env.REDIS_SERVER;
      else process.env.REDIS_SERVER = saved;
    }
  });
});
