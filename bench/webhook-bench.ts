import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { commitFiles, type GitHubSim, startGitHubSim } from '../test/github-sim/index.js';
import { commitPushPayload, signPayload } from '../test/github-sim/webhooks.js';
import { freePort, startRedis, type TestRedis } from '../test/support/redis.js';
import { runtimeTestEnv } from '../test/support/runtime-env.js';

/**
 * The webhook answer's latency, black-box: the built app in its own process(es), 100 push deliveries a
 * second (each queues a light job), while a 10,000-task spec is being synced. Once as one process (in-process
 * queue), once as a web and a worker process sharing Redis. The sender has its own thread; the simulator
 * shares the machine's cores with the app, as the whole run does.
 */
const SECRET = 'bench-secret';
const RATE = 100;
const SECONDS = 6;
const BIG = 10_000;

function bigSpec(): string {
  const lines = ['# Tasks: Big', '', '## Phase 1: Setup', ''];
  for (let n = 1; n <= BIG; n += 1)
    lines.push(`- [ ] T${String(n).padStart(5, '0')} Task number ${n} in src/m${n}.ts`);
  return `${lines.join('\n')}\n`;
}

function appEnv(sim: GitHubSim, port: number, role: string, redis?: TestRedis): NodeJS.ProcessEnv {
  return {
    ...runtimeTestEnv(sim, redis?.url, port, SECRET),
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    SPEC_SYNC_ROLE: role,
    SPEC_SYNC_TIME_SCALE: '0.001',
    SPEC_SYNC_HEAL_INTERVAL_MS: '0',
  };
}

function start(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['dist/src/main.js'], { env, stdio: 'ignore' });
}

async function ready(port: number): Promise<void> {
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function post(port: number, event: string, body: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': signPayload(SECRET, body),
    },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  return performance.now() - started;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/**
 * The sender runs in its own thread, so the simulator's work in this thread (answering the app) does not
 * delay the clock that times the app's answers. It posts RATE deliveries a second for SECONDS and returns
 * each answer's time in milliseconds.
 */
const SENDER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac, randomUUID } = require('node:crypto');
const { url, secret, body, rate, count } = workerData;
const signature = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
async function post() {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'push',
      'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error('webhook answered ' + response.status);
  return performance.now() - started;
}
(async () => {
  const answers = [];
  const started = performance.now();
  for (let n = 0; n < count; n += 1) {
    const wait = started + (n * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(post());
  }
  parentPort.postMessage(await Promise.all(answers));
})();
`;

function sendFromThread(port: number, body: string): Promise<number[]> {
  const url = `http://127.0.0.1:${port}/api/github/webhooks`;
  const worker = new Worker(SENDER, {
    eval: true,
    workerData: { url, secret: SECRET, body, rate: RATE, count: RATE * SECONDS },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (times: number[]) => {
      resolve(times);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Delivers the big spec's push, then RATE light pushes a second for SECONDS; returns answer times. */
async function underLoad(sim: GitHubSim, port: number): Promise<number[]> {
  const big = sim.state.repo('acme/big')!;
  const bigSha = commitFiles(sim, 'acme/big', 'main', {
    'specs/001-big/tasks.md': bigSpec(),
    'specs/001-big/spec.md': '# Spec\n',
    'specs/001-big/plan.md': '# Plan\n',
  });
  await post(port, 'push', JSON.stringify(commitPushPayload(sim.state, big, bigSha, 'main')));
  const light = sim.state.repo('acme/light')!;
  const lightSha = commitFiles(sim, 'acme/light', 'main', {
    'src/a.ts': `export const at = ${Date.now()};\n`,
  });
  return sendFromThread(port, JSON.stringify(commitPushPayload(sim.state, light, lightSha, 'main')));
}

async function scenario(
  name: string,
  roles: Array<'both' | 'web' | 'worker'>,
  redis?: TestRedis,
): Promise<void> {
  const sim = await startGitHubSim();
  sim.createRepo('acme/big', { files: { 'README.md': '# big\n' } });
  sim.createRepo('acme/light', { files: { 'README.md': '# light\n' } });
  const port = await freePort();
  const children = roles.map((role) => start(appEnv(sim, role === 'worker' ? 0 : port, role, redis)));
  try {
    await ready(port);
    const times = (await underLoad(sim, port)).sort((a, b) => a - b);
    const issues = sim.repo('acme/big').issues.length;
    console.log(
      `${name.padEnd(22)} load ${loadavg()[0]!.toFixed(1).padStart(4)}  p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(times, 99).toFixed(1).padStart(7)} ms   max ${times.at(-1)!.toFixed(0).padStart(5)} ms   (${times.length} deliveries at ${RATE}/s; ${issues} of ${BIG} issues made meanwhile)`,
    );
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await sim.close();
  }
}

export async function benchWebhooks(): Promise<void> {
  console.log(
    `\n## Webhook answer at ${RATE} deliveries/s while a ${BIG}-task spec is synced (target p99 < 50 ms)\n`,
  );
  await scenario('one process', ['both']);
  const redis = await startRedis();
  try {
    await scenario('web + worker (Redis)', ['web', 'worker'], redis);
  } finally {
    await redis.stop();
  }
}
