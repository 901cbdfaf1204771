import type { JobQueue } from '../queue/jobs.js';
import type { Logger } from '../sync/shared/services.js';
import { type RoundDeps, reconcileInstallations } from './reconcile-round.js';
import { everyRound, type RoundLock } from './round-lock.js';

export interface ReconcileSchedule {
  /** Milliseconds between rounds; 0 turns the schedule off. */
  intervalMs: number;
  auth: RoundDeps['auth'];
  queue: JobQueue;
  log: Logger;
  /** Which process runs each round (Redis), or every tick (one process). */
  lock: RoundLock;
}

/**
 * On start and every `intervalMs`, the process that claims the round queues a reconcile of every installed
 * repository (reconcile-round.ts). Off (nothing listed, nothing queued) when `intervalMs` is 0. Returns a
 * function that stops the schedule.
 */
export function scheduleReconcile(schedule: ReconcileSchedule): () => void {
  const { intervalMs, auth, queue, log } = schedule;
  const round = async () => {
    const queued = await reconcileInstallations({
      auth,
      queue,
      log,
      round: Math.floor(Date.now() / intervalMs),
    });
    log.info({ queued }, 'Reconcile round queued');
  };
  return everyRound(intervalMs, schedule.lock, round, (error) =>
    log.warn({ err: error }, 'Could not run the reconcile round; trying again at the next'),
  );
}
