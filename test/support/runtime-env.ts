import type { GitHubSim } from '../github-sim/index.js';

/** The environment a runtime started in a test reads: the simulator as GitHub, a test Redis if any, a port. */
export function runtimeTestEnv(
  sim: GitHubSim,
  redisUrl: string | undefined,
  port: number,
  secret: string,
): NodeJS.ProcessEnv {
  return {
    APP_ID: String(sim.appId),
    PRIVATE_KEY: sim.privateKey,
    WEBHOOK_SECRET: secret,
    GHE_HOST: sim.host,
    GHE_PROTOCOL: 'http',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: (process.env.SPEC_SYNC_TEST_LOG ?? 'silent') as 'silent',
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
}

/** Waits until a condition holds, checking every 25 ms; fails after `ms`. */
export async function until(condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Remembers the signal listeners present now, so that `stopRuntimes` can remove those the runtimes add. */
export function signalListeners(): Set<unknown> {
  return new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
}

/** Stops runtimes started in a test and removes the signal listeners they added. */
export async function stopRuntimes(
  runtimes: Array<{ stop(): Promise<void> }>,
  before: Set<unknown>,
): Promise<void> {
  for (const runtime of runtimes) await runtime.stop();
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    for (const listener of process.listeners(signal))
      if (!before.has(listener)) process.off(signal, listener);
}
