import type { Job } from '../queue/jobs.js';
import { checkInstalledRepository, checkSpec, checkSuite } from './checks/check-spec.js';
import { syncSpec } from './issues/sync-spec.js';
import { describePullRequest, tickMergedPullRequest } from './pull-requests/tick-merged-pull-request.js';
import { routePush } from './push/route-push.js';
import type { Services } from './shared/services.js';
import { followIssueState } from './write-back/follow-issue-state.js';

/** Runs one job: the single entry point for every queue back end. */
export async function runJob(job: Job, services: Services): Promise<void> {
  const started = performance.now();
  services.log.debug({ job }, 'Job started');
  await dispatch(job, services);
  services.log.info(
    { kind: job.kind, deliveryId: job.deliveryId, ms: Math.round(performance.now() - started) },
    'Job done',
  );
}

async function dispatch(job: Job, services: Services): Promise<void> {
  switch (job.kind) {
    case 'push':
      return routePush(job, services);
    case 'sync-spec':
      await syncSpec(job, services);
      return;
    case 'check-spec':
      return checkSpec(job, services);
    case 'check-suite':
      return checkSuite(job, services);
    case 'repository-installed':
      return checkInstalledRepository(job, services);
    case 'pull-request-merged':
      return tickMergedPullRequest(job, services);
    case 'pull-request-open':
      return describePullRequest(job, services);
    case 'issue-state':
      return followIssueState(job, services);
  }
}
