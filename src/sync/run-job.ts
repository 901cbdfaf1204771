import type { Job } from '../queue/jobs.js';
import { checkSpec, reportConfigError } from './checks/check-spec.js';
import { checkInstalledRepository, checkSuite } from './checks/check-suite.js';
import { syncSpec } from './issues/sync-spec.js';
import { describePullRequest, tickMergedPullRequest } from './pull-requests/tick-merged-pull-request.js';
import { routePush } from './push/route-push.js';
import { reconcileRepository } from './reconcile/reconcile-repository.js';
import { commitOf, type JobContext, openBareContext, openJobContext } from './shared/job-context.js';
import type { Services } from './shared/services.js';
import { followIssueState } from './write-back/follow-issue-state.js';

/** Runs one job: the single entry point for every queue back end. */
export async function runJob(job: Job, services: Services): Promise<void> {
  const started = performance.now();
  if (job.kind === 'repository-installed') {
    // Needs no config: it only queues the check suite, which reads (and reports) the config.
    await checkInstalledRepository(await openBareContext(job, services));
    return;
  }
  const ctx = await openJobContext(job, services, async (bare, error) => {
    const commit = commitOf(job);
    if (commit) await reportConfigError(bare, commit, error);
  });
  if (!ctx) return;
  ctx.log.debug({ job }, 'Job started');
  await dispatch(ctx, job);
  ctx.log.info({ ms: Math.round(performance.now() - started) }, 'Job done');
}

async function dispatch(ctx: JobContext, job: Exclude<Job, { kind: 'repository-installed' }>): Promise<void> {
  switch (job.kind) {
    case 'push':
      return routePush(ctx, job);
    case 'sync-spec':
      return syncSpec(ctx, job);
    case 'reconcile':
      return reconcileRepository(ctx);
    case 'check-spec':
      return checkSpec(ctx, job);
    case 'check-suite':
      return checkSuite(ctx, job);
    case 'pull-request-merged':
      return tickMergedPullRequest(ctx, job);
    case 'pull-request-open':
      return describePullRequest(ctx, job);
    case 'issue-state':
      return followIssueState(ctx, job);
  }
}
