import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { freePort } from './free-port.js';

export { freePort };

/** A real redis-server on a free loopback port, started for a test file and stopped after it. */
export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts it again on the same port after `stop` (empty unless started with `persist`). */
  start(): Promise<void>;
}

export interface TestRedisOptions {
  /** Keep the data across `stop` and `start` (an append-only file written on every change), like a server restarted in production. */
  persist?: boolean;
}

const MISSING =
  'redis-server was not found (looked at $REDIS_SERVER and on PATH). These tests need a real Redis server: ' +
  'install redis-server: apt-get install redis-server';

function findRedisServer(): string {
  const fromEnv = process.env.REDIS_SERVER;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`REDIS_SERVER=${fromEnv} does not exist. ${MISSING}`);
  }
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin', '/usr/sbin'];
  const found = dirs.map((dir) => join(dir, 'redis-server')).find((path) => existsSync(path));
  if (!found) throw new Error(MISSING);
  return found;
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

async function spawnRedis(binary: string, port: number, dir?: string): Promise<ChildProcess> {
  const persistence = dir
    ? ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no'];
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}: ${stderr || `exit ${child.exitCode}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Starts redis-server (without persistence unless asked); fails (never skips) when the binary is missing. */
export async function startRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const binary = findRedisServer();
  const port = await freePort();
  const dir = options.persist ? await mkdtemp(join(tmpdir(), 'spec-sync-redis-')) : undefined;
  if (dir) process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  let child = await spawnRedis(binary, port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => stopChild(child),
    start: async () => {
      child = await spawnRedis(binary, port, dir);
    },
  };
}
