import { z } from 'zod';
import { EnvError } from './env-error.js';

/** Which part of the app a process runs: `web` answers webhooks and queues, `worker` runs jobs, `both` does both. */
export type Role = 'web' | 'worker' | 'both';

/** The longest delay `setTimeout` and `setInterval` take. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds that end up in a timer: Node fires a longer delay at once, every time. */
const timerMs = (least: number) =>
  z.coerce.number().int().min(least).max(MAX_TIMER_MS, `must be at most ${MAX_TIMER_MS} (about 24 days)`);

const runtimeEnvSchema = z.object({
  /** Which part of the app this process runs (default: both, in one process). */
  SPEC_SYNC_ROLE: z
    .enum(['web', 'worker', 'both'], 'must be web, worker or both (the default)')
    .default('both'),
  /** BullMQ's Redis server; without it jobs run in the process's memory (and only `both` makes sense). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/./, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Jobs one process runs at once, across repositories. */
  SPEC_SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Lifetime of a lane lock and of BullMQ's job lock; a killed worker's jobs come back after it. */
  SPEC_SYNC_LOCK_MS: timerMs(500).default(30_000),
  /** On SIGTERM, how long running jobs may take to finish before the process exits anyway. */
  SPEC_SYNC_SHUTDOWN_MS: timerMs(0).default(25_000),
  /** How often the web role looks for failed webhook deliveries to redeliver (0: never). */
  SPEC_SYNC_HEAL_INTERVAL_MS: timerMs(0).default(10 * 60 * 1000),
  /**
   * How often the web role queues a reconcile of every installed repository's synced specs (0, the default:
   * never). At least a second; hours suit most apps (docs/running.md, Scheduled reconcile).
   */
  SPEC_SYNC_RECONCILE_INTERVAL_MS: timerMs(0)
    .refine((ms) => ms === 0 || ms >= 1000, 'must be 0 (off) or at least 1000 (milliseconds)')
    .default(0),
  /** Scales the pacer's clock; only tests and benchmarks against the simulator set it below 1. */
  SPEC_SYNC_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
});

export type RuntimeEnv = z.infer<typeof runtimeEnvSchema>;

/** The variables the schema reads (REDIS_URL, SPEC_SYNC_*), for the test that .env.example lists them all. */
export const RUNTIME_VARIABLES: readonly string[] = Object.keys(runtimeEnvSchema.shape);

/** `REDIS_URL must be a redis:// or rediss:// URL, got "localhost:6379"`: each names its variable. */
function describeProblems(issues: readonly z.core.$ZodIssue[], env: NodeJS.ProcessEnv): string[] {
  return issues.map((issue) => {
    const name = issue.path.join('.');
    return `${name} ${issue.message}, got "${env[name] ?? ''}"`;
  });
}

/** What is wrong with the runtime's variables (REDIS_URL, SPEC_SYNC_*); empty when they read. */
export function runtimeEnvProblems(env: NodeJS.ProcessEnv): string[] {
  const parsed = runtimeEnvSchema.safeParse(stripEmpty(env));
  return parsed.success ? [] : describeProblems(parsed.error.issues, env);
}

/** Reads the process's role and queue settings; an invalid value stops the start with a clear message. */
export function readRuntimeEnv(env: NodeJS.ProcessEnv): RuntimeEnv {
  const parsed = runtimeEnvSchema.safeParse(stripEmpty(env));
  if (!parsed.success) throw new EnvError(describeProblems(parsed.error.issues, env));
  const runtime = parsed.data;
  if (runtime.SPEC_SYNC_ROLE !== 'both' && !runtime.REDIS_URL)
    throw new EnvError([
      `SPEC_SYNC_ROLE=${runtime.SPEC_SYNC_ROLE} needs REDIS_URL: web and worker processes share jobs through Redis`,
    ]);
  return runtime;
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  ) as Record<string, string>;
}

/**
 * Probot's environment without REDIS_URL: given it, Probot would build its own Redis-backed throttling,
 * which spec-sync replaces with its pacer.
 */
export function probotEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { REDIS_URL: _redis, ...rest } = env;
  // Probot logs for people by default; in production, one JSON object a line for the log collector
  if (env.NODE_ENV === 'production' && !env.LOG_FORMAT) rest.LOG_FORMAT = 'json';
  return rest;
}
