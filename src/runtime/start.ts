import { existsSync } from 'node:fs';
import { type ApplicationFunction, createProbot, type ProbotOctokit, run } from 'probot';
import { createSpecSyncApp, type SpecSyncOptions } from '../app.js';
import { specSyncOctokit } from '../github/probot-octokit.js';
import type { Metrics } from '../metrics.js';
import { InProcessQueue } from '../queue/in-process-queue.js';
import type { OperatedQueue, QueueFactory } from '../queue/queue-status.js';
import { RedisQueue } from '../queue/redis-queue.js';
import type { Logger } from '../sync/services.js';
import { healthHandler } from './health.js';
import { probotEnv, type Role, type RuntimeEnv, readRuntimeEnv } from './runtime-env.js';
import { scheduleHealing } from './schedule-healing.js';
import { exitOnSignal } from './shutdown.js';

export interface RuntimeOptions {
  /** Defaults to the process's environment (with `.env` loaded, as Probot does). */
  env?: NodeJS.ProcessEnv;
  /** Overrides SPEC_SYNC_ROLE (the `spec-sync worker` command). */
  role?: Role;
  app?: SpecSyncOptions;
  Octokit?: typeof ProbotOctokit;
  /** Exit on SIGTERM/SIGINT after a graceful stop (off in tests that start several runtimes). */
  handleSignals?: boolean;
}

export interface Runtime {
  role: Role;
  /** Stops taking webhooks and jobs; running jobs finish. */
  stop(): Promise<void>;
}

/** Starts the process's role: `both` (default), `web` (webhooks, /healthz, /metrics; queues only) or `worker`. */
export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const env = options.env ?? loadProcessEnv();
  const settings = readRuntimeEnv(env);
  const role = options.role ?? settings.SPEC_SYNC_ROLE;
  if (role !== 'both' && !settings.REDIS_URL) throw new Error(`The ${role} role needs REDIS_URL`);
  let started: { queue: OperatedQueue; metrics: Metrics } | undefined;
  const appFn = createSpecSyncApp({
    timeScale: settings.SPEC_SYNC_TIME_SCALE,
    ...options.app,
    createQueue: queueFactory(settings, role),
    onStart: (runtime) => {
      started = runtime;
      options.app?.onStart?.(runtime);
    },
  });
  const Octokit = options.Octokit ?? specSyncOctokit();
  const stopQueue = async () => started?.queue.close();
  let stop: () => Promise<void>;
  if (role === 'worker') {
    const probot = createProbot({ env: probotEnv(env), overrides: { Octokit } });
    // a worker serves no HTTP: the app's /metrics handler has nowhere to go
    await probot.load(appFn, { cwd: process.cwd(), addHandler: () => undefined });
    probot.log.info({ role, backend: 'redis' }, 'Worker started');
    stop = stopQueue;
    if (options.handleSignals ?? true) exitOnSignal(stop, settings.SPEC_SYNC_SHUTDOWN_MS, probot.log);
  } else {
    const backend = settings.REDIS_URL ? 'redis' : 'in-process';
    let stopHealing: () => void = () => undefined;
    let log: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    };
    const operated: ApplicationFunction = async (app, appOptions) => {
      await appFn(app, appOptions);
      log = app.log;
      if (!started) return;
      stopHealing = scheduleHealing(app, settings.SPEC_SYNC_HEAL_INTERVAL_MS, settings.SPEC_SYNC_TIME_SCALE);
      const { queue, metrics } = started;
      metrics.watchQueue(() => queue.counts());
      app.onAny((context) => metrics.deliveries.inc({ event: context.name }));
      appOptions.addHandler?.(healthHandler(queue, role, backend));
    };
    const server = await run(operated, { env: probotEnv(env), Octokit });
    stop = async () => {
      stopHealing();
      await server.stop();
      await stopQueue();
    };
    if (options.handleSignals ?? true) exitOnSignal(stop, settings.SPEC_SYNC_SHUTDOWN_MS, log);
  }
  return { role, stop };
}

function queueFactory(settings: RuntimeEnv, role: Role): QueueFactory {
  return (handle, deps) => {
    const concurrency = settings.SPEC_SYNC_CONCURRENCY;
    if (!settings.REDIS_URL) return new InProcessQueue(handle, { ...deps, concurrency });
    return new RedisQueue({
      ...deps,
      url: settings.REDIS_URL,
      handle: role === 'web' ? undefined : handle,
      concurrency,
      lockMs: settings.SPEC_SYNC_LOCK_MS,
    });
  };
}

/** Probot reads `.env` when it starts; read it first so that REDIS_URL and SPEC_SYNC_* may live there too. */
function loadProcessEnv(): NodeJS.ProcessEnv {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}
