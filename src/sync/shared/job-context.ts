import { CONFIG_PATH, ConfigError, forgetRepoConfig, loadRepoConfig } from '../../config/load-config.js';
import type { Config } from '../../config/schema.js';
import type { SpecLocation } from '../../core/specs/find-specs.js';
import { createGitHubGateway, type GitHubGateway } from '../../github/gateway.js';
import type { Job, RepoJob, RepositoryFacts } from '../../queue/jobs.js';
import { type IssuePlanner, issuePlanner } from '../../workers/plan-off-thread.js';
import type { Logger, Services } from './services.js';
import { type ReferenceScanner, referenceScanner, type TasksParser, tasksParser } from './tasks-parser.js';
import { resolveTrackingBranch } from './tracking-branch.js';

/** A job to queue, without the repository fields: the context adds them. */
export type FollowUp = Job extends infer J ? (J extends Job ? Omit<J, keyof RepoJob> : never) : never;

/**
 * Everything a job works with, made once when it starts (Probot's `Context` is the model): the gateway, the
 * repository (read at most once), the config (one policy for an invalid one), the tracking branches, and a
 * logger that tags every line with the delivery, the repository and the job's kind.
 */
export interface JobContext {
  readonly job: Job;
  readonly gateway: GitHubGateway;
  readonly config: Config;
  readonly log: Logger;
  /** Reads a tasks.md off the event loop, under the process's time budget. */
  readonly parseTasks: TasksParser;
  /** Reads a pull request's task references off the event loop. */
  readonly scanReferences: ReferenceScanner;
  /** Plans a spec's issue writes off the event loop. */
  readonly planIssues: IssuePlanner;
  repository(): Promise<RepositoryFacts>;
  trackingBranch(spec: SpecLocation): Promise<string>;
  /** Queues a follow-up job of the same repository and delivery. */
  enqueue(work: FollowUp): Promise<void>;
}

/** A context before its config is read: what a job that needs no config works with. */
export type BareContext = Omit<JobContext, 'config' | 'trackingBranch'>;

export async function openBareContext(job: Job, services: Services): Promise<BareContext> {
  const client = await services.clientFor(job.installationId);
  const gateway = createGitHubGateway(client, { owner: job.owner, repo: job.repo });
  let repository: Promise<RepositoryFacts> | undefined = job.repository && Promise.resolve(job.repository);
  return {
    job,
    gateway,
    log: tagged(services.log, {
      deliveryId: job.deliveryId,
      repository: `${job.owner}/${job.repo}`,
      kind: job.kind,
    }),
    parseTasks: tasksParser(services.workers),
    scanReferences: referenceScanner(services.workers),
    planIssues: issuePlanner(services.workers),
    repository: () => {
      repository ??= gateway.getRepository();
      return repository;
    },
    enqueue: async (work) => {
      await services.queue.add({ ...repoFieldsOf(job), ...work } as Job);
    },
  };
}

/**
 * Opens the job's context. An invalid config has one policy: it is logged, reported as a failed check run
 * on the commit the job concerns (when it names one), and the job stops (null), writing nothing.
 */
export async function openJobContext(
  job: Job,
  services: Services,
  onInvalidConfig: (bare: BareContext, error: ConfigError) => Promise<void>,
): Promise<JobContext | null> {
  const bare = await openBareContext(job, services);
  // A push that changes the config (or may have) must not act on the copy cached before it.
  if (job.kind === 'push' && (job.paths === null || job.paths.includes(CONFIG_PATH)))
    forgetRepoConfig(bare.gateway);
  let config: Config;
  try {
    config = await loadRepoConfig(bare.gateway);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    bare.log.warn({ problems: error.problems }, 'Invalid config; job stopped');
    await onInvalidConfig(bare, error);
    return null;
  }
  const branches = new Map<string, Promise<string>>();
  return {
    ...bare,
    config,
    trackingBranch: (spec) => {
      let branch = branches.get(spec.dir);
      if (!branch) {
        branch = bare
          .repository()
          .then(({ defaultBranch }) =>
            resolveTrackingBranch(bare.gateway, config.tracking, spec, defaultBranch),
          );
        branches.set(spec.dir, branch);
      }
      return branch;
    },
  };
}

/** The commit a job is about, where an invalid config is reported; null for jobs about no commit. */
export function commitOf(job: Job): string | null {
  switch (job.kind) {
    case 'push':
      return job.after;
    case 'check-spec':
    case 'check-suite':
      return job.headSha;
    case 'sync-spec':
      return job.check?.headSha ?? null;
    default:
      return null;
  }
}

function repoFieldsOf(job: Job): RepoJob {
  const { installationId, owner, repo, deliveryId, repository } = job;
  return { installationId, owner, repo, deliveryId, ...(repository ? { repository } : {}) };
}

/** A logger adding the same fields to every line. */
function tagged(log: Logger, fields: object): Logger {
  return {
    debug: (data, message) => log.debug({ ...fields, ...data }, message),
    info: (data, message) => log.info({ ...fields, ...data }, message),
    warn: (data, message) => log.warn({ ...fields, ...data }, message),
    error: (data, message) => log.error({ ...fields, ...data }, message),
  };
}
