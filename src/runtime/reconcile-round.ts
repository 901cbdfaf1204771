import type { AppClient } from '../github/app-hook-gateway.js';
import { AppInstallationsGateway, type InstalledRepository } from '../github/app-installations-gateway.js';
import type { JobQueue } from '../queue/jobs.js';
import type { Logger } from '../sync/shared/services.js';

/** Pages of 100 installations read per round: a bound on the cost of one round. */
const INSTALLATION_PAGES_PER_ROUND = 10;
/** Pages of 100 repositories read per installation per round. */
const REPOSITORY_PAGES_PER_INSTALLATION = 10;
/** Repositories queued per round; when an app reaches more, they take turns over the following rounds. */
const REPOSITORIES_PER_ROUND = 500;

export interface RoundTarget extends InstalledRepository {
  installationId: number;
}

/**
 * The repositories a round queues: all of them when they fit, else a window of `max` that moves on by
 * `max` each round (wrapping), so that every repository comes in turn whichever process runs the round.
 */
export function pickRound<T>(all: readonly T[], round: number, max = REPOSITORIES_PER_ROUND): T[] {
  if (all.length <= max) return [...all];
  const start = (round * max) % all.length;
  return [...all.slice(start), ...all.slice(0, start)].slice(0, max);
}

export interface RoundDeps {
  /** The app's client (JWT) without an id; an installation's client with one. */
  auth: (installationId?: number) => Promise<AppClient>;
  queue: JobQueue;
  log: Logger;
  /** The round's number (time divided by the interval): which window of a large app this round takes. */
  round: number;
}

/**
 * One reconcile round: lists the app's installations and their repositories, and queues a `reconcile` job
 * for each (src/sync/reconcile). The queue drops it while an equal one still waits, runs it in the
 * repository's push lane, and the installation's pacer spaces its requests. Returns how many it queued.
 */
export async function reconcileInstallations(deps: RoundDeps): Promise<number> {
  const app = new AppInstallationsGateway(await deps.auth());
  const targets: RoundTarget[] = [];
  for (const installationId of await app.listInstallationIds(INSTALLATION_PAGES_PER_ROUND)) {
    try {
      const installation = new AppInstallationsGateway(await deps.auth(installationId));
      const repositories = await installation.listRepositories(REPOSITORY_PAGES_PER_INSTALLATION);
      targets.push(...repositories.map((repository) => ({ ...repository, installationId })));
    } catch (error) {
      // Uninstalled or suspended since it was listed, or GitHub failed: the other installations go on.
      deps.log.warn({ err: error, installationId }, 'Could not list the repositories of an installation');
    }
  }
  const picked = pickRound(targets, deps.round);
  for (const { installationId, owner, repo, defaultBranch, htmlUrl } of picked)
    await deps.queue.add({
      kind: 'reconcile',
      installationId,
      owner,
      repo,
      repository: { defaultBranch, htmlUrl },
    });
  return picked.length;
}
