import { ConfigError, loadRepoConfig } from '../../config/load-config.js';
import type { Config } from '../../config/schema.js';
import { GitHubGateway } from '../../github/gateway.js';
import type { RepoJob } from '../../queue/jobs.js';
import type { Services } from './services.js';

/**
 * The gateway and config for a job's repository. An invalid config gives null: the check runs report it,
 * and a job that writes tasks.md or issues must not act on a config it cannot read.
 */
export async function openRepository(
  job: RepoJob,
  services: Services,
): Promise<{ gateway: GitHubGateway; config: Config | null }> {
  const client = await services.clientFor(job.installationId);
  const ref = { owner: job.owner, repo: job.repo };
  const gateway = new GitHubGateway(client, ref);
  try {
    return { gateway, config: await loadRepoConfig(client, ref) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    services.log.warn(
      { deliveryId: job.deliveryId, problems: error.problems },
      'Invalid config; job skipped',
    );
    return { gateway, config: null };
  }
}
