import type { GitHubClient } from '../../github/client.js';
import type { JobQueue } from '../../queue/jobs.js';
import type { WorkerPool } from '../../workers/worker-pool.js';

/** The logger every job writes to: Probot's (pino) in the app, a console-backed one in the CLI. */
export interface Logger {
  debug(data: object, message: string): void;
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

/** What a job needs from the process it runs in; the same job runs in the app, a worker or the CLI. */
export interface Services {
  /** An authenticated, paced client for an installation. */
  clientFor(installationId: number): Promise<GitHubClient>;
  queue: JobQueue;
  log: Logger;
  /** The process's worker threads for untrusted text (one pool per process); without it, parsing runs here. */
  workers?: WorkerPool;
}
