import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { commitFiles, type GitHubSim, type LogEntry, startGitHubSim } from '../github-sim/index.js';
import { commitPushPayload, signPayload } from '../github-sim/webhooks.js';
import { freePort, startRedis, type TestRedis } from '../support/redis.js';
import { SPEC_DOCS, specKitTasks, taskId } from './spec-fixtures.js';

/**
 * The built app as separate processes (one web, two workers) sharing a real redis-server, against the
 * simulator: what a deployment that grew beyond one process does.
 */
const SECRET = 'multi-secret';
const REPOS = ['acme/a', 'acme/b', 'acme/c', 'acme/d'];
const TASKS = 'specs/001-a/tasks.md';

let redis: TestRedis;
let sim: GitHubSim;
let webPort: number;
const children = new Set<ChildProcess>();

function env(role: 'web' | 'worker', port = 0): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    APP_ID: String(sim.appId),
    PRIVATE_KEY: sim.privateKey,
    WEBHOOK_SECRET: SECRET,
    GHE_HOST: sim.host,
    GHE_PROTOCOL: 'http',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: (process.env.SPEC_SYNC_TEST_LOG ?? 'silent') as 'silent',
    REDIS_URL: redis.url,
    SPEC_SYNC_ROLE: role,
    SPEC_SYNC_LOCK_MS: '1500',
    SPEC_SYNC_TIME_SCALE: '0.001',
    SPEC_SYNC_SHUTDOWN_MS: '3000',
  };
}

function startProcess(role: 'web' | 'worker', port = 0): ChildProcess {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: env(role, port),
    stdio: ['ignore', process.env.SPEC_SYNC_TEST_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function until(condition: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function webReady(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${webPort}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

/** Delivers a push like GitHub, with a chosen delivery id (a redelivery reuses one). */
async function deliverPush(repo: string, sha: string, deliveryId: string): Promise<number> {
  const payload = commitPushPayload(sim.state, sim.state.repo(repo)!, sha, 'main');
  const body = JSON.stringify(payload);
  const response = await fetch(`http://127.0.0.1:${webPort}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': signPayload(SECRET, body),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

async function queueIdle(): Promise<boolean> {
  const report = (await (await fetch(`http://127.0.0.1:${webPort}/healthz`)).json()) as {
    queue: { waiting: number; active: number; delayed: number };
  };
  return report.queue.waiting + report.queue.active + report.queue.delayed === 0;
}

/** Issue writes (only jobs of a repository's write lane make them) as [start, end] per repository. */
function issueWrites(log: LogEntry[]): Map<string, Array<[number, number]>> {
  const byRepo = new Map<string, Array<[number, number]>>();
  for (const entry of log) {
    if (!entry.contentCreating || !entry.route?.startsWith('/repos/{owner}/{repo}/issues')) continue;
    const repo = entry.path.split('/').slice(2, 4).join('/');
    byRepo.set(repo, [...(byRepo.get(repo) ?? []), [entry.at, entry.at + entry.ms]]);
  }
  return byRepo;
}

function overlaps(intervals: Array<[number, number]>): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let count = 0;
  for (let i = 1; i < sorted.length; i += 1) if (sorted[i]![0] < sorted[i - 1]![1] - 1) count += 1;
  return count;
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { stdio: 'inherit' });
  redis = await startRedis();
  sim = await startGitHubSim({ validateResponses: true });
  for (const repo of REPOS) sim.createRepo(repo, { files: { 'README.md': '# repo\n' } });
  webPort = await freePort();
  startProcess('web', webPort);
  await until(webReady);
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await sim?.close();
  await redis?.stop();
});

describe('one web and two worker processes on Redis', () => {
  it('syncs every spec once across bursts and redeliveries, never overlapping a repository', async () => {
    const workers = [startProcess('worker'), startProcess('worker')];
    const deliveries: Array<Promise<number>> = [];
    for (const repo of REPOS) {
      // a burst: three pushes growing the spec, each delivered, the last one twice (a redelivery)
      let last = { sha: '', id: '' };
      for (const count of [2, 4, 6]) {
        const sha = commitFiles(sim, repo, 'main', {
          [TASKS]: specKitTasks(count),
          ...SPEC_DOCS('specs/001-a'),
        });
        last = { sha, id: randomUUID() };
        deliveries.push(deliverPush(repo, sha, last.id));
      }
      deliveries.push(deliverPush(repo, last.sha, last.id));
    }
    expect(new Set(await Promise.all(deliveries))).toEqual(new Set([200]));
    await until(async () =>
      REPOS.every((repo) => sim.repo(repo).issues.length === 6) ? queueIdle() : false,
    );
    for (const repo of REPOS) {
      const titles = sim.repo(repo).issues.map((issue) => issue.title);
      expect(titles.sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${taskId(n)} Task ${n}`));
    }
    for (const [repo, intervals] of issueWrites(sim.log))
      expect([repo, overlaps(intervals)]).toEqual([repo, 0]);
    expect(sim.violations).toEqual([]);
    // SIGTERM: idle workers stop taking jobs and exit cleanly, well within their shutdown bound
    const exits = workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
    for (const worker of workers) worker.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual([0, 0]);
  });

  it('finishes the job of a worker killed mid-sync on the other worker, without duplicates', async () => {
    const repo = 'acme/e';
    sim.createRepo(repo, { files: { 'README.md': '# repo\n' } });
    sim.faults.rules.push({
      kind: 'slow',
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues',
      delayMs: 150,
    });
    const doomed = startProcess('worker');
    const sha = commitFiles(sim, repo, 'main', { [TASKS]: specKitTasks(12), ...SPEC_DOCS('specs/001-a') });
    expect(await deliverPush(repo, sha, randomUUID())).toBe(200);
    await until(() => sim.repo(repo).issues.length >= 3);
    doomed.kill('SIGKILL');
    const before = sim.repo(repo).issues.length;
    expect(before).toBeLessThan(12);
    startProcess('worker');
    await until(async () => (sim.repo(repo).issues.length === 12 ? queueIdle() : false));
    const titles = sim.repo(repo).issues.map((issue) => issue.title);
    expect(new Set(titles).size).toBe(12);
    expect(titles).toHaveLength(12);
  });
});
