import { describe, expect, it } from '@jest/globals';
import { MAX_CONTENT_CREATING_PER_MINUTE, MIN_WRITE_INTERVAL_MS, Pacer } from '../../src/github/pacer.js';

/** A clock that only moves when the pacer sleeps, so the test sees exactly the waits the pacer asks for. */
function fakeClock() {
  const clock = { now: 0, sleeps: [] as number[] };
  const sleep = async (ms: number) => {
    clock.sleeps.push(ms);
    clock.now += ms;
  };
  return { clock, options: { now: () => clock.now, sleep } };
}

describe('Pacer', () => {
  it('spaces writes one interval apart and runs them in order', async () => {
    const { clock, options } = fakeClock();
    const pacer = new Pacer(options);
    const startedAt: number[] = [];
    await Promise.all([1, 2, 3].map((n) => pacer.write(async () => startedAt.push(clock.now) && n)));
    expect(startedAt).toEqual([0, MIN_WRITE_INTERVAL_MS, 2 * MIN_WRITE_INTERVAL_MS]);
  });

  it('counts the interval from the start of the previous write, which must have ended', async () => {
    const { clock, options } = fakeClock();
    const pacer = new Pacer(options);
    const spans: Array<[number, number]> = [];
    const slowWrite = (ms: number) => async () => {
      const start = clock.now;
      clock.now += ms; // the request's own latency
      spans.push([start, clock.now]);
    };
    await Promise.all([
      pacer.write(slowWrite(400)),
      pacer.write(slowWrite(1500)),
      pacer.write(slowWrite(10)),
    ]);
    // the second starts a second after the first started; the third waits for the slow second to end
    expect(spans).toEqual([
      [0, 400],
      [MIN_WRITE_INTERVAL_MS, MIN_WRITE_INTERVAL_MS + 1500],
      [MIN_WRITE_INTERVAL_MS + 1500, MIN_WRITE_INTERVAL_MS + 1510],
    ]);
  });

  it('never sends more than 80 content-creating requests in any minute', async () => {
    const { clock, options } = fakeClock();
    // A time scale of 0.001 shrinks the one-second spacing to 1 ms, so the per-minute window is what binds.
    const pacer = new Pacer({ ...options, timeScale: 0.001 });
    const startedAt: number[] = [];
    for (let n = 0; n < 200; n += 1) await pacer.write(async () => startedAt.push(clock.now));
    const minute = 60_000 * 0.001;
    for (const at of startedAt) {
      const inWindow = startedAt.filter((other) => other >= at && other < at + minute).length;
      expect(inWindow).toBeLessThanOrEqual(MAX_CONTENT_CREATING_PER_MINUTE);
    }
    expect(startedAt).toHaveLength(200);
  });

  it('holds reads and writes during a pause GitHub asked for', async () => {
    const { clock, options } = fakeClock();
    const pacer = new Pacer(options);
    pacer.pause(30_000);
    const readAt = await pacer.read(async () => clock.now);
    expect(readAt).toBeGreaterThanOrEqual(30_000);
  });

  it('lets a failed write free its slot for the next one', async () => {
    const { options } = fakeClock();
    const pacer = new Pacer(options);
    await expect(pacer.write(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(pacer.write(async () => 'next')).resolves.toBe('next');
  });
});
