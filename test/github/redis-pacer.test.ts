import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { MAX_CONTENT_CREATING_PER_HOUR, MIN_WRITE_INTERVAL_MS } from '../../src/github/pacer.js';
import { RedisPacer } from '../../src/github/redis-pacer.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * Two pacers with their own Redis connections (as two worker processes have) pacing one installation on a
 * real redis-server. Every assertion is a lower bound on times the test records itself: a loaded machine
 * only makes the gaps longer, never shorter.
 */
let redis: TestRedis;
const connections: Redis[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.quit().catch(() => undefined)));
  await redis?.stop();
});

function pacers(installation: string, timeScale: number): [RedisPacer, RedisPacer] {
  const make = () => {
    const connection = new Redis(redis.url);
    connections.push(connection);
    return new RedisPacer(connection, installation, { prefix: 'test', timeScale });
  };
  return [make(), make()];
}

interface Span {
  start: number;
  end: number;
}

/** A write that records when it ran, by the system clock (the one Redis's TIME reads), and takes a little while. */
function recordedWrite(spans: Span[], ms = 2) {
  return async () => {
    const start = Date.now();
    await new Promise((resolve) => setTimeout(resolve, ms));
    spans.push({ start, end: Date.now() });
  };
}

describe('RedisPacer', () => {
  it('runs one write at a time across pacers, each starting an interval after the previous one started', async () => {
    const timeScale = 0.02; // one second becomes 20 ms; every third write takes longer than that
    const [a, b] = pacers('one-at-a-time', timeScale);
    const spans: Span[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, n) => (n % 2 ? a : b).write(recordedWrite(spans, n % 3 ? 2 : 30))),
    );
    spans.sort((x, y) => x.start - y.start);
    expect(spans).toHaveLength(20);
    // Each write's slot is granted after the previous write ended, and the next slot an interval after it:
    // so a write starts an interval after the end of the write before the previous one, at the least
    // (bounds the test can see; Redis's clock and the test's both step in milliseconds: allow one step).
    const interval = MIN_WRITE_INTERVAL_MS * timeScale - 1;
    for (let n = 1; n < spans.length; n += 1) {
      expect(spans[n]!.start).toBeGreaterThanOrEqual(spans[n - 1]!.end);
      if (n >= 2) expect(spans[n]!.start - spans[n - 2]!.end).toBeGreaterThanOrEqual(interval);
    }
  });

  it('holds the 501st content-creating write of an hour until the hour of the first has passed', async () => {
    const timeScale = 0.002; // an hour becomes 7.2 s, the one-second interval 2 ms
    const [a, b] = pacers('hourly', timeScale);
    const spans: Span[] = [];
    const before = Date.now();
    const count = MAX_CONTENT_CREATING_PER_HOUR + 5;
    await Promise.all(
      Array.from({ length: count }, (_, n) => (n % 2 ? a : b).write(recordedWrite(spans, 0))),
    );
    const starts = spans.map((span) => span.start).sort((x, y) => x - y);
    const hour = 3_600_000 * timeScale - 1;
    // every write was granted after `before`, so at most 500 may start within the hour that follows it
    expect(starts.filter((at) => at < before + hour).length).toBeLessThanOrEqual(
      MAX_CONTENT_CREATING_PER_HOUR,
    );
    expect(starts[MAX_CONTENT_CREATING_PER_HOUR]! - before).toBeGreaterThanOrEqual(hour);
  }, 30_000);

  it("holds one pacer's reads and writes during a pause the other was asked for", async () => {
    const timeScale = 0.01;
    const [a, b] = pacers('paused', timeScale);
    const pausedAt = Date.now();
    await a.pause(30_000); // 300 ms at this scale
    const spans: Span[] = [];
    await Promise.all([b.read(recordedWrite(spans)), b.write(recordedWrite(spans))]);
    for (const span of spans) expect(span.start - pausedAt).toBeGreaterThanOrEqual(30_000 * timeScale - 1);
  });

  it('keeps installations apart: a pause of one does not hold another', async () => {
    const [a] = pacers('held', 1);
    const [other] = pacers('free', 1);
    await a.pause(3_600_000);
    await expect(other.read(async () => 'read')).resolves.toBe('read');
  });

  it('fails a request it cannot pace as one to retry later, without sending it', async () => {
    const connection = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    connection.on('error', () => undefined);
    connections.push(connection);
    const pacer = new RedisPacer(connection, 'unreachable');
    let sent = false;
    const attempt = pacer.write(async () => {
      sent = true;
    });
    await expect(attempt).rejects.toMatchObject({ name: 'RetryLaterError' });
    expect(sent).toBe(false);
  });
});
