import type { Context } from 'probot';
import { mayConcernSpecs } from '../core/specs/find-specs.js';
import type { JobQueue } from '../queue/jobs.js';
import { repoJobOf } from './repo-job.js';

/**
 * GitHub: a push webhook's `commits` "includes a maximum of 2048 commits" (the 20-commit cap applies to
 * timeline events only); a push that fills it may list only part of what changed.
 */
export const MAX_PUSH_PAYLOAD_COMMITS = 2048;

/**
 * A push becomes a job when it may concern a spec. A push whose listed paths concern none costs no request;
 * a forced or truncated push is handed on without paths, and the job asks the compare API.
 */
export async function onPush(context: Context<'push'>, queue: JobQueue): Promise<void> {
  const { payload } = context;
  const repo = repoJobOf(payload, context.id);
  if (!repo || !payload.ref.startsWith('refs/heads/') || payload.deleted) return;
  const paths = listedPaths(payload);
  if (paths && !paths.some(mayConcernSpecs)) return;
  await queue.add({
    kind: 'push',
    ...repo,
    branch: payload.ref.slice('refs/heads/'.length),
    before: payload.before,
    after: payload.after,
    paths,
  });
}

function listedPaths(payload: Context<'push'>['payload']): string[] | null {
  if (payload.forced || payload.created || payload.commits.length >= MAX_PUSH_PAYLOAD_COMMITS) return null;
  // Payloads replayed by GitHub Actions carry no file lists: ask the compare API instead.
  if (payload.commits.some((commit) => !commit.added || !commit.modified || !commit.removed)) return null;
  return payload.commits.flatMap((commit) => [
    ...(commit.added ?? []),
    ...(commit.modified ?? []),
    ...(commit.removed ?? []),
  ]);
}
