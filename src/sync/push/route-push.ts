import { CONFIG_PATH, ConfigError, forgetRepoConfig, loadRepoConfig } from '../../config/load-config.js';
import { findSpecs, specLocation, touchedSpecCandidates } from '../../core/specs/find-specs.js';
import { GitHubGateway } from '../../github/gateway.js';
import type { PushJob } from '../../queue/jobs.js';
import { reportConfigError } from '../checks/check-spec.js';
import type { Services } from '../shared/services.js';
import { resolveTrackingBranch } from '../shared/tracking-branch.js';

/** The all-zero sha GitHub sends as `before` when a push creates a branch. */
const NULL_SHA = /^0+$/;

/**
 * Turns a push into work: a sync for each touched spec whose tracking branch this is, and a check for
 * each touched spec on whatever branch it is.
 */
export async function routePush(job: PushJob, services: Services): Promise<void> {
  const ref = { owner: job.owner, repo: job.repo };
  const client = await services.clientFor(job.installationId);
  const gateway = new GitHubGateway(client, ref);
  const repository = await gateway.getRepository();
  if (job.paths === null || job.paths.includes(CONFIG_PATH)) forgetRepoConfig(client, ref);
  let config: Awaited<ReturnType<typeof loadRepoConfig>>;
  try {
    config = await loadRepoConfig(client, ref);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    services.log.warn({ job, problems: error.problems }, 'Invalid config');
    await reportConfigError(gateway, job.after, error);
    return;
  }
  const paths = job.paths ?? (await changedPaths(gateway, job, repository.defaultBranch));
  const tasksPaths = paths.includes(CONFIG_PATH)
    ? findSpecs(await gateway.listPaths(job.after), config.specs).map((spec) => spec.tasksPath)
    : touchedSpecCandidates(paths, config.specs);
  const base = {
    installationId: job.installationId,
    owner: job.owner,
    repo: job.repo,
    deliveryId: job.deliveryId,
  };
  for (const tasksPath of tasksPaths) {
    const branch = await resolveTrackingBranch(
      gateway,
      config.tracking,
      specLocation(tasksPath),
      repository.defaultBranch,
    );
    const check = { headSha: job.after, branch: job.branch };
    // The sync checks the commit itself once it is done, so the check run links the issues it made.
    if (branch === job.branch && config.issues.enabled) {
      await services.queue.add({ kind: 'sync-spec', ...base, tasksPath, check });
      continue;
    }
    await services.queue.add({
      kind: 'check-spec',
      ...base,
      tasksPath,
      headSha: job.after,
      branch: job.branch,
    });
  }
}

async function changedPaths(gateway: GitHubGateway, job: PushJob, defaultBranch: string): Promise<string[]> {
  if (!NULL_SHA.test(job.before)) return gateway.listChangedPaths(job.before, job.after);
  // A new branch: what differs from the default branch is what this push brings.
  if (job.branch === defaultBranch) return gateway.listPaths(job.after);
  return gateway.listChangedPaths(defaultBranch, job.after);
}
