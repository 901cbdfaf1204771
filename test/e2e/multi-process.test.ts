import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { prng } from '../github-sim/faults.js';
import { commitFiles, type GitHubSim, startGitHubSim } from '../github-sim/index.js';
import { commitPushPayload, pushPayload, signPayload } from '../github-sim/webhooks.js';
import { freePort, startRedis, type TestRedis } from '../support/redis.js';
import { runtimeTestEnv, until } from '../support/runtime-env.js';
import { laneHandoffs, requestsByRepository, unfencedLaneWrites } from './lane-fencing.js';
import { SpecModel, specProblems } from './spec-churn.js';
import { SPEC_DOCS, specKitTasks } from './spec-fixtures.js';

/**
 * The built app as separate processes (one web, two workers) sharing a real redis-server, against the
 * simulator: what a deployment that grew beyond one process does.
 */
const SECRET = 'multi-secret';
const SPEC = 'specs/001-a';
const TASKS = `${SPEC}/tasks.md`;
const REPOS = Array.from({ length: 20 }, (_, i) => `acme/r${String(i).padStart(2, '0')}`);
const HOT = REPOS[0]!;
const ROUNDS = 18; // pushes to every repository, one round after another
const BURST = 60; // pushes to the hot repository's spec, back to back, halfway through
const REDELIVERIES = 80; // earlier deliveries sent again with their X-GitHub-Delivery
const SENDERS = 16; // deliveries in flight at most

let redis: TestRedis;
let sim: GitHubSim;
let webPort: number;
const children = new Set<ChildProcess>();

function env(role: 'web' | 'worker', port: number, logLevel: string): NodeJS.ProcessEnv {
  return {
    ...runtimeTestEnv(sim, redis.url, port, SECRET),
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: logLevel as 'info',
    LOG_FORMAT: 'json',
    SPEC_SYNC_ROLE: role,
    SPEC_SYNC_LOCK_MS: '1500',
    SPEC_SYNC_TIME_SCALE: '0.001',
    SPEC_SYNC_SHUTDOWN_MS: '3000',
  };
}

/** Starts `dist/src/main.js` in a role; `onLog` receives its JSON log lines (at info and above). */
function startProcess(role: 'web' | 'worker', port = 0, onLog?: (line: string) => void): ChildProcess {
  const echo = Boolean(process.env.SPEC_SYNC_TEST_LOG);
  const logLevel = process.env.SPEC_SYNC_TEST_LOG ?? (onLog ? 'info' : 'silent');
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: env(role, port, logLevel),
    stdio: ['ignore', onLog ? 'pipe' : echo ? 'inherit' : 'ignore', 'inherit'],
  });
  if (onLog && child.stdout)
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (echo) process.stdout.write(`${line}\n`);
      onLog(line);
    });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

interface Health {
  queue: { waiting: number; active: number; delayed: number; failed: number };
}

async function health(): Promise<Health> {
  return (await (await fetch(`http://127.0.0.1:${webPort}/healthz`)).json()) as Health;
}

async function webReady(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${webPort}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

async function queueIdle(): Promise<boolean> {
  const { queue } = await health();
  return queue.waiting + queue.active + queue.delayed === 0;
}

/** Delivers a webhook like GitHub, with a chosen delivery id (a redelivery reuses one). */
async function deliver(event: string, body: string, deliveryId: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${webPort}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': signPayload(SECRET, body),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

async function deliverPush(repo: string, sha: string, deliveryId: string): Promise<number> {
  return deliver(
    'push',
    JSON.stringify(commitPushPayload(sim.state, sim.state.repo(repo)!, sha, 'main')),
    deliveryId,
  );
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { stdio: 'inherit' });
  redis = await startRedis();
  sim = await startGitHubSim({ validateResponses: true });
  webPort = await freePort();
  startProcess('web', webPort);
  await until(webReady, 30_000);
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await sim?.close();
  await redis?.stop();
});

/** One step of the load: a push of one or two commits to a repository, or a delivery sent again. */
interface PushStep {
  kind: 'push';
  repo: string;
  commits: 1 | 2;
  /** A push that changes no spec: answered, and no job at all. */
  readmeOnly: boolean;
}
/**
 * `redeliver` sends an earlier step's delivery again; `settle` waits for the answers and for the queue to
 * drain, so that the next round changes files the workers have synced (and their writes pass between the
 * workers) instead of every sync finding the final file.
 */
type Step = PushStep | { kind: 'redeliver'; of: number } | { kind: 'settle' };

/**
 * 18 rounds of a push to each of the 20 repositories, each round sent as fast as the web process answers,
 * a burst of 60 pushes to one spec halfway through (into the next round), and 80 redeliveries of earlier
 * pushes spread among them: 500 deliveries.
 */
function loadPlan(random: () => number): Step[] {
  const pushes: Step[] = [];
  const push = (repo: string): PushStep => ({
    kind: 'push',
    repo,
    commits: random() < 0.3 ? 2 : 1,
    readmeOnly: random() < 0.08,
  });
  for (let round = 0; round < ROUNDS; round += 1) {
    if (round === ROUNDS / 2)
      for (let i = 0; i < BURST; i += 1) pushes.push({ ...push(HOT), readmeOnly: false });
    for (const repo of REPOS) pushes.push(push(repo));
    pushes.push({ kind: 'settle' });
  }
  const steps: Step[] = [];
  const every = Math.floor(pushes.length / REDELIVERIES);
  let redeliveries = 0;
  for (const [index, step] of pushes.entries()) {
    steps.push(step);
    if (step.kind !== 'push' || (index + 1) % every !== 0 || redeliveries === REDELIVERIES) continue;
    redeliveries += 1;
    // mostly the one just sent (possibly still in flight), sometimes an older one
    const earlier = steps.flatMap((other, at) => (other.kind === 'push' ? [at] : []));
    steps.push({
      kind: 'redeliver',
      of: random() < 0.5 ? earlier.at(-1)! : earlier[Math.floor(random() * earlier.length)]!,
    });
  }
  return steps;
}

interface Sent {
  event: string;
  body: string;
  id: string;
  repo: string;
  /** Whether the delivery asks for work (a push that changes the spec). */
  work: boolean;
}

describe('one web and two worker processes on Redis', () => {
  it('keeps 20 specs right through 500 deliveries with bursts and redeliveries, never two write jobs of a repository at once', async () => {
    const random = prng(10); // seeded: a failing run replays
    const models = new Map(REPOS.map((repo) => [repo, new SpecModel(4 + Math.floor(random() * 4), random)]));
    for (const repo of REPOS)
      sim.createRepo(repo, {
        files: { 'README.md': '# repo\n', [TASKS]: models.get(repo)!.render(), ...SPEC_DOCS(SPEC) },
      });
    const pushesDone = new Map<string, number>();
    let hotSyncs = 0;
    const onLog = (line: string) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as {
        msg?: string;
        kind?: string;
        deliveryId?: string;
        repository?: string;
      };
      if (entry.msg !== 'Job done') return;
      if (entry.kind === 'push' && entry.deliveryId)
        pushesDone.set(entry.deliveryId, (pushesDone.get(entry.deliveryId) ?? 0) + 1);
      if (entry.kind === 'sync-spec' && entry.repository === HOT) hotSyncs += 1;
    };
    const workers = [startProcess('worker', 0, onLog), startProcess('worker', 0, onLog)];

    const steps = loadPlan(random);
    expect(steps.filter((step) => step.kind !== 'settle')).toHaveLength(500);
    const sent: Sent[] = []; // by step
    const commit = (repo: string, readmeOnly: boolean) => {
      const model = models.get(repo)!;
      if (readmeOnly) return commitFiles(sim, repo, 'main', { 'README.md': `# repo ${randomUUID()}\n` });
      model.change();
      return commitFiles(sim, repo, 'main', { [TASKS]: model.render() });
    };
    /** Makes the step's commits now (in plan order) and says what to send. */
    const prepare = (step: PushStep | { kind: 'redeliver'; of: number }): Sent => {
      if (step.kind === 'redeliver') return sent[step.of]!;
      const state = sim.state.repo(step.repo)!;
      const before = state.resolve('main')!.sha;
      const shas = Array.from({ length: step.commits }, () => commit(step.repo, step.readmeOnly));
      const payload = pushPayload(sim.state, state, {
        branch: 'main',
        before,
        after: shas.at(-1)!,
        commits: shas.map((sha) => state.commits.get(sha)!),
      });
      return {
        event: 'push',
        body: JSON.stringify(payload),
        id: randomUUID(),
        repo: step.repo,
        work: !step.readmeOnly,
      };
    };
    const statuses: number[] = [];
    const inFlight = new Set<Promise<void>>();
    for (const [index, step] of steps.entries()) {
      if (step.kind === 'settle') {
        await Promise.all(inFlight);
        await until(queueIdle, 60_000);
        continue;
      }
      while (inFlight.size >= SENDERS) await Promise.race(inFlight);
      const delivery = prepare(step);
      sent[index] = delivery;
      const sending: Promise<void> = deliver(delivery.event, delivery.body, delivery.id).then((status) => {
        statuses.push(status);
        inFlight.delete(sending);
      });
      inFlight.add(sending);
    }
    await Promise.all(inFlight);
    expect(new Set(statuses)).toEqual(new Set([200]));
    // every delivery was answered, so queued; a job queues its follow-ups before it completes
    await until(queueIdle, 120_000);
    expect((await health()).queue.failed).toBe(0);

    // every spec ends as its final tasks.md says, with no duplicate issue
    for (const repo of REPOS)
      expect([repo, specProblems(sim.repo(repo).issues, SPEC, models.get(repo)!)]).toEqual([repo, []]);
    // no two write jobs of one repository overlapped, across the two workers
    let handoffs = 0;
    for (const [repo, entries] of requestsByRepository(sim.log)) {
      expect([repo, unfencedLaneWrites(entries)]).toEqual([repo, []]);
      handoffs += laneHandoffs(entries);
    }
    // ...and the check had work: repositories' writes passed between the two workers
    expect(handoffs).toBeGreaterThan(10);
    expect(sim.violations).toEqual([]);

    // SIGTERM: idle workers stop taking jobs and exit cleanly, well within their shutdown bound; once
    // their output is closed, every line they logged has been read
    const exits = workers.map((worker) => new Promise((resolve) => worker.once('close', resolve)));
    for (const worker of workers) worker.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual([0, 0]);
    // each push that changed the spec ran once (one that changed none queued nothing): redeliveries,
    // whichever process's turn, were taken once
    const deliveries = sent.filter((delivery) => delivery !== undefined);
    expect(new Set(deliveries.map((delivery) => delivery.id)).size).toBe(500 - REDELIVERIES);
    const working = new Set(deliveries.filter((delivery) => delivery.work).map((delivery) => delivery.id));
    expect([...pushesDone.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect(new Set(pushesDone.keys())).toEqual(working);
    // the burst collapsed: a sync waiting for an older push was dropped for a newer push's. Every other push
    // to the hot spec can make one sync; the 60 pushes of the burst made no more than 30 between them.
    const hotPushes = new Set(
      deliveries.filter((delivery) => delivery.work && delivery.repo === HOT).map((delivery) => delivery.id),
    );
    expect(hotSyncs).toBeLessThanOrEqual(hotPushes.size - BURST / 2);
  }, 240_000);

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
    const sha = commitFiles(sim, repo, 'main', { [TASKS]: specKitTasks(12), ...SPEC_DOCS(SPEC) });
    expect(await deliverPush(repo, sha, randomUUID())).toBe(200);
    await until(() => sim.repo(repo).issues.length >= 3, 30_000);
    doomed.kill('SIGKILL');
    const before = sim.repo(repo).issues.length;
    expect(before).toBeLessThan(12);
    startProcess('worker');
    await until(async () => (sim.repo(repo).issues.length === 12 ? queueIdle() : false), 30_000);
    const titles = sim.repo(repo).issues.map((issue) => issue.title);
    expect(new Set(titles).size).toBe(12);
    expect(titles).toHaveLength(12);
    expect(unfencedLaneWrites(requestsByRepository(sim.log).get(repo)!)).toEqual([]);
  });
});
