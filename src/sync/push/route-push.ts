import { CONFIG_PATH } from '../../config/load-config.js';
import { findSpecs, specLocation, touchedSpecCandidates } from '../../core/specs/find-specs.js';
import type { PushJob } from '../../queue/jobs.js';
import type { JobContext } from '../shared/job-context.js';

/** The all-zero sha GitHub sends as `before` when a push creates a branch. */
const NULL_SHA = /^0+$/;

/**
 * Turns a push into work: a sync for each touched spec whose tracking branch this is (the sync then checks
 * the commit itself, so the check run links the issues it made), and a check for each touched spec on
 * whatever branch it is.
 */
export async function routePush(ctx: JobContext, job: PushJob): Promise<void> {
  const { config } = ctx;
  // The commit's whole tree, listed at most once (a new default branch that adds the config needs it twice).
  let tree: Promise<string[]> | undefined;
  const listTree = () => {
    tree ??= ctx.gateway.listPaths(job.after);
    return tree;
  };
  const paths = job.paths ?? (await changedPaths(ctx, job, listTree));
  const tasksPaths = paths.includes(CONFIG_PATH)
    ? findSpecs(await listTree(), config.specs).map((spec) => spec.tasksPath)
    : touchedSpecCandidates(paths, config.specs);
  for (const tasksPath of tasksPaths) {
    const trackingBranch = await ctx.trackingBranch(specLocation(tasksPath));
    const check = { headSha: job.after, branch: job.branch };
    if (trackingBranch === job.branch && config.issues.enabled) {
      await ctx.enqueue({ kind: 'sync-spec', tasksPath, check, trackingBranch });
      continue;
    }
    await ctx.enqueue({ kind: 'check-spec', tasksPath, ...check });
  }
}

async function changedPaths(
  ctx: JobContext,
  job: PushJob,
  listTree: () => Promise<string[]>,
): Promise<string[]> {
  if (!NULL_SHA.test(job.before)) return ctx.gateway.listChangedPaths(job.before, job.after);
  // A new branch: what differs from the default branch is what this push brings.
  const { defaultBranch } = await ctx.repository();
  if (job.branch === defaultBranch) return listTree();
  return ctx.gateway.listChangedPaths(defaultBranch, job.after);
}
