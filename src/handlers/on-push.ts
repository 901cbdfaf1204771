import type { Context } from 'probot';
import { mayConcernSpecs } from '../core/specs/find-specs.js';
import type { JobQueue } from '../queue/jobs.js';

/** GitHub lists at most 20 commits in a push payload; beyond that the file lists are incomplete. */
export const MAX_PUSH_PAYLOAD_COMMITS = 20;

/**
 * A push becomes a job when it may concern a spec. A push whose listed paths concern none costs no request;
 * a forced or truncated push is handed on without paths, and the job asks the compare API.
 */
export async function onPush(context: Context<'push'>, queue: JobQueue): Promise<void> {
  const { payload } = context;
  if (
    !payload.ref.startsWith('refs/heads/') ||
    payload.deleted ||
    !payload.installation ||
    !payload.repository.owner
  )
    return;
  const paths = listedPaths(payload);
  if (paths && !paths.some(mayConcernSpecs)) return;
  await queue.add({
    kind: 'push',
    installationId: payload.installation.id,
    owner: payload.repository.owner?.login ?? '',
    repo: payload.repository.name,
    deliveryId: context.id,
    branch: payload.ref.slice('refs/heads/'.length),
    before: payload.before,
    after: payload.after,
    paths,
  });
}

function listedPaths(payload: Context<'push'>['payload']): string[] | null {
  if (payload.forced || payload.created || payload.commits.length >= MAX_PUSH_PAYLOAD_COMMITS) return null;
  return payload.commits.flatMap((commit) => [
    ...(commit.added ?? []),
    ...(commit.modified ?? []),
    ...(commit.removed ?? []),
  ]);
}
