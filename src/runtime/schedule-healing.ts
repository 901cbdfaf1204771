import type { Probot } from 'probot';
import type { AppClient } from '../github/app-hook-gateway.js';
import { healDeliveries } from './heal-deliveries.js';
import { everyRound, type RoundLock, SOLE_PROCESS } from './round-lock.js';

/** GitHub's guidance: at least a second between writes. */
const REDELIVERY_PACE_MS = 1000;

/**
 * On start and every `intervalMs`, redelivers webhook deliveries that failed (the app was down, Redis was
 * unreachable): GitHub never redelivers by itself. With several web processes, the one that claims the
 * round (`lock`) runs it. Returns a function that stops the schedule.
 */
export function scheduleHealing(
  app: Probot,
  intervalMs: number,
  timeScale: number,
  lock: RoundLock = SOLE_PROCESS,
): () => void {
  const redelivered = new Set<string>();
  const heal = async () => {
    const client = (await app.auth()) as unknown as AppClient;
    const paceMs = REDELIVERY_PACE_MS * timeScale;
    await healDeliveries(client, { log: app.log, now: Date.now(), paceMs, redelivered });
  };
  return everyRound(intervalMs, lock, heal, (error) =>
    app.log.warn({ err: error }, 'Could not look for failed deliveries; trying again later'),
  );
}
