import { specLabel, specNameOf } from '../../core/plan/issue-labels.js';
import { findSpecs } from '../../core/specs/find-specs.js';
import type { JobContext } from '../shared/job-context.js';

/**
 * The scheduled reconcile of one repository: a sync of every spec on the default branch that spec-sync
 * already keeps issues for, on its tracking branch, as the next push to it would queue. Drift (a push the
 * app never received, an issue edited by hand) heals; a spec that was never synced stays so, since opening
 * its issues in bulk needs the owner's consent (a push of its tasks.md, or the check run's button).
 */
export async function reconcileRepository(ctx: JobContext): Promise<void> {
  const { config, gateway } = ctx;
  if (!config.issues.enabled) return;
  const { defaultBranch } = await ctx.repository();
  const head = await gateway.getBranchHead(defaultBranch);
  if (!head) return; // an empty repository
  for (const spec of findSpecs(await gateway.listPaths(head), config.specs)) {
    const label = specLabel(specNameOf(spec.dir), config.issues.labels);
    if (!(await gateway.hasIssuesWithLabel(label))) continue;
    const trackingBranch = await ctx.trackingBranch(spec);
    // No check: the commits were checked when pushed; a check run each round would only repeat them.
    await ctx.enqueue({ kind: 'sync-spec', tasksPath: spec.tasksPath, trackingBranch });
  }
}
