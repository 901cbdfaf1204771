import { InProcessQueue } from '../src/queue/in-process-queue.js';
import type { Job, JobHandler } from '../src/queue/jobs.js';
import type { OperatedQueue } from '../src/queue/queue-status.js';
import { RedisQueue } from '../src/queue/redis-queue.js';
import { startGitHubSim } from '../test/github-sim/index.js';
import { startRedis, type TestRedis } from '../test/support/redis.js';

/**
 * Jobs per second through each back end, each job making one request to the simulator (zero latency), and
 * the process's resident memory with 1,000 jobs waiting.
 */
const JOBS = 2000;
const REPOS = 20;
const quiet = { error: () => undefined, info: () => undefined };

function job(n: number): Job {
  return {
    kind: 'sync-spec',
    installationId: 1,
    owner: 'bench',
    repo: `repo${n % REPOS}`,
    tasksPath: `specs/${n}/tasks.md`,
    deliveryId: `delivery-${n}`,
  };
}

type Make = (handle: JobHandler | undefined, prefix: string) => OperatedQueue;

async function throughput(name: string, make: Make, url: string): Promise<void> {
  const handle: JobHandler = async () => {
    const response = await fetch(url, { headers: { authorization: 'token ghs_bench' } });
    await response.arrayBuffer();
  };
  const queue = make(handle, `bench-rate-${Date.now()}`);
  const started = performance.now();
  for (let n = 0; n < JOBS; n += 1) await queue.add(job(n));
  await queue.onIdle();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${name.padEnd(12)} ${String(Math.round(JOBS / seconds)).padStart(8)} jobs/s  (${JOBS} jobs, ${REPOS} repositories, 4 at once)`,
  );
  await queue.close();
}

async function queuedMemory(name: string, make: Make): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const queue = make(undefined, `bench-rss-${Date.now()}`);
  for (let n = 0; n < 1000; n += 1) await queue.add(job(n));
  const after = process.memoryUsage().rss;
  const { waiting } = await queue.counts();
  console.log(
    `${name.padEnd(12)} rss ${(after / 2 ** 20).toFixed(1).padStart(6)} MiB with ${waiting} jobs waiting (+${((after - before) / 2 ** 20).toFixed(1)} MiB)`,
  );
}

export async function benchQueues(): Promise<void> {
  let redis: TestRedis | undefined;
  const sim = await startGitHubSim();
  try {
    redis = await startRedis();
    sim.createRepo('bench/repo');
    const url = `${sim.apiUrl}/repos/bench/repo`;
    const redisUrl = redis.url;
    const inProcess: Make = (handle, _prefix) =>
      new InProcessQueue(handle ?? (() => new Promise(() => undefined)), { log: quiet, concurrency: 4 });
    const onRedis: Make = (handle, prefix) =>
      new RedisQueue({ url: redisUrl, prefix, handle, concurrency: 4, log: quiet });
    console.log('\nJob queues');
    await throughput('in-process', inProcess, url);
    await throughput('redis', onRedis, url);
    await queuedMemory('in-process', inProcess);
    await queuedMemory('redis', onRedis);
  } finally {
    await redis?.stop();
    await sim.close();
  }
}
