import { findSpecs } from '../../core/specs/find-specs.js';
import type { CheckSuiteJob } from '../../queue/jobs.js';
import type { BareContext, JobContext } from '../shared/job-context.js';

/** A check suite or merge group: a check for every spec at the commit. */
export async function checkSuite(ctx: JobContext, job: CheckSuiteJob): Promise<void> {
  for (const spec of findSpecs(await ctx.gateway.listPaths(job.headSha), ctx.config.specs)) {
    await ctx.enqueue({
      kind: 'check-spec',
      tasksPath: spec.tasksPath,
      headSha: job.headSha,
      branch: job.branch,
    });
  }
}

/** A new installation: check the specs at the head of the default branch (no issues are written). */
export async function checkInstalledRepository(ctx: BareContext): Promise<void> {
  const { defaultBranch } = await ctx.repository();
  const headSha = await ctx.gateway.getBranchHead(defaultBranch);
  if (!headSha) return;
  await ctx.enqueue({ kind: 'check-suite', headSha, branch: defaultBranch });
}
