import { Redis } from 'ioredis';
import { type ApplicationFunction, createProbot, type ProbotOctokit, run } from 'probot';
import { createSpecSyncApp, type SpecSyncOptions } from '../app.js';
import type { AppClient } from '../github/app-hook-gateway.js';
import { specSyncOctokit } from '../github/probot-octokit.js';
import { RedisPacerRegistry } from '../github/redis-pacer.js';
import type { Metrics } from '../metrics.js';
import { InProcessQueue } from '../queue/in-process-queue.js';
import type { OperatedQueue, QueueFactory } from '../queue/queue-status.js';
import { RedisQueue } from '../queue/redis-queue.js';
import type { Logger } from '../sync/shared/services.js';
import { withWebhookGuard } from '../web/webhook-guard.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import { loadRuntimeEnv } from './env.js';
import { healthHandler } from './health.js';
import { RedisRoundLock, SOLE_PROCESS } from './round-lock.js';
import { probotEnv, type Role, type RuntimeEnv, readRuntimeEnv } from './runtime-env.js';
import { scheduleHealing } from './schedule-healing.js';
import { scheduleReconcile } from './schedule-reconcile.js';
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
  await warmFetch();
  const env = options.env ?? loadProcessEnv();
  // `spec-sync worker` names its role; the same rule (a role beside `both` needs REDIS_URL) then holds
  const settings = readRuntimeEnv(options.role ? { ...env, SPEC_SYNC_ROLE: options.role } : env);
  const role = settings.SPEC_SYNC_ROLE;
  let started: { queue: OperatedQueue; metrics: Metrics; workers: WorkerPool } | undefined;
  const shared = sharedPacers(settings);
  const appFn = createSpecSyncApp({
    timeScale: settings.SPEC_SYNC_TIME_SCALE,
    pacers: shared?.pacers,
    ...options.app,
    createQueue: queueFactory(settings, role),
    onStart: (runtime) => {
      started = runtime;
      options.app?.onStart?.(runtime);
    },
  });
  const Octokit = options.Octokit ?? specSyncOctokit();
  const stopQueue = async () => {
    await started?.queue.close();
    await started?.workers.close();
    shared?.redis.disconnect();
  };
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
    let stopSchedules: Array<() => void> = [];
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
      const { queue, metrics } = started;
      // with Redis, one web process of all runs each round of either schedule
      const roundLock = (name: string) =>
        shared ? new RedisRoundLock(shared.redis, `spec-sync:${name}-round`) : SOLE_PROCESS;
      stopSchedules = [
        scheduleHealing(
          app,
          settings.SPEC_SYNC_HEAL_INTERVAL_MS,
          settings.SPEC_SYNC_TIME_SCALE,
          roundLock('heal'),
        ),
        scheduleReconcile({
          intervalMs: settings.SPEC_SYNC_RECONCILE_INTERVAL_MS,
          auth: async (installationId) => (await app.auth(installationId)) as unknown as AppClient,
          queue,
          log: app.log,
          lock: roundLock('reconcile'),
        }),
      ];
      metrics.watchQueue(() => queue.counts());
      app.onAny((context) => metrics.deliveries.inc({ event: context.name }));
      appOptions.addHandler?.(healthHandler(queue, role, backend));
    };
    // Probot's own default secret is `development`; the guard checks signatures with the same secret first.
    const guard = { secret: env.WEBHOOK_SECRET ?? 'development', path: env.WEBHOOK_PATH };
    const starting = run(withWebhookGuard(operated, guard), { env: probotEnv(env), Octokit });
    // Probot's run() first copies .env over process.env, synchronously; the shell's values win again.
    Object.assign(process.env, env);
    const server = await starting;
    stop = async () => {
      for (const stopSchedule of stopSchedules) stopSchedule();
      await server.stop();
      await stopQueue();
    };
    if (options.handleSignals ?? true) exitOnSignal(stop, settings.SPEC_SYNC_SHUTDOWN_MS, log);
  }
  return { role, stop };
}

/**
 * Node loads its HTTP client (undici) on the first `fetch`: near a hundred milliseconds of the event loop
 * that would otherwise fall on the first job, while webhooks wait. A `data:` URL loads it without a request.
 */
async function warmFetch(): Promise<void> {
  await fetch('data:,').then(
    (response) => response.arrayBuffer(),
    () => undefined,
  );
}

/**
 * With Redis, every process paces an installation against the same budget in Redis (redis-pacer.ts), so
 * GitHub's limits hold whatever the number of workers.
 */
function sharedPacers(settings: RuntimeEnv): { pacers: RedisPacerRegistry; redis: Redis } | undefined {
  if (!settings.REDIS_URL) return undefined;
  const redis = new Redis(settings.REDIS_URL, { maxRetriesPerRequest: 2 });
  redis.on('error', () => undefined); // a request that cannot be paced fails and its job is retried later
  const pacers = new RedisPacerRegistry(redis, {
    timeScale: settings.SPEC_SYNC_TIME_SCALE,
    slotMs: settings.SPEC_SYNC_LOCK_MS,
  });
  return { pacers, redis };
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

/**
 * `.env` under the shell's variables, validated (an EnvError names each problem), and copied into
 * process.env so that code reading it later sees the same values.
 */
function loadProcessEnv(): NodeJS.ProcessEnv {
  const env = loadRuntimeEnv(process.env, process.cwd());
  Object.assign(process.env, env);
  return env;
}
