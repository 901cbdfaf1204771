import type { Context } from 'probot';
import type { JobQueue } from '../queue/jobs.js';

/**
 * A new installation (or repositories added to one): check every spec on each default branch, so the
 * repository shows where its specs stand at once. Issues are not opened in bulk here: the check run's
 * "Sync issues now" button, or the next push, does that with the repository owner's consent.
 */
export async function onInstallation(
  context: Context<'installation.created' | 'installation_repositories.added'>,
  queue: JobQueue,
): Promise<void> {
  const { payload } = context;
  const repositories =
    'repositories_added' in payload ? payload.repositories_added : (payload.repositories ?? []);
  for (const repository of repositories) {
    const [owner, repo] = repository.full_name.split('/');
    if (!owner || !repo) continue;
    await queue.add({
      kind: 'repository-installed',
      installationId: payload.installation.id,
      owner,
      repo,
      deliveryId: context.id,
    });
  }
}
