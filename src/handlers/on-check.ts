import type { Context } from 'probot';
import { SYNC_NOW_ACTION } from '../core/render/check/check-actions.js';
import type { JobQueue } from '../queue/jobs.js';
import { repoJobOf } from './repo-job.js';

/** A check suite or the merge queue asks for checks of a commit: check every spec there. */
export async function onCheckSuite(
  context: Context<'check_suite.requested' | 'check_suite.rerequested'>,
  queue: JobQueue,
): Promise<void> {
  const { check_suite: suite } = context.payload;
  await queueCheckSuite(context, queue, suite.head_sha, suite.head_branch);
}

export async function onMergeGroup(
  context: Context<'merge_group.checks_requested'>,
  queue: JobQueue,
): Promise<void> {
  const { merge_group: group } = context.payload;
  await queueCheckSuite(context, queue, group.head_sha, group.head_ref.replace(/^refs\/heads\//, ''));
}

async function queueCheckSuite(
  context: Context<'check_suite' | 'merge_group'>,
  queue: JobQueue,
  headSha: string,
  branch: string | null,
): Promise<void> {
  const repo = repoJobOf(context.payload, context.id);
  if (repo) await queue.add({ kind: 'check-suite', ...repo, headSha, branch });
}

/** A rerun asked from the checks tab, or the "Sync issues now" button; only for spec-sync's own runs. */
export async function onCheckRun(
  context: Context<'check_run.rerequested' | 'check_run.requested_action'>,
  queue: JobQueue,
): Promise<void> {
  const { payload } = context;
  // spec-sync's check runs carry the spec's task file as their external id.
  const tasksPath = payload.check_run.external_id;
  const repo = repoJobOf(payload, context.id);
  if (!repo || !tasksPath) return;
  if (payload.action === 'requested_action') {
    if (payload.requested_action?.identifier !== SYNC_NOW_ACTION) return;
    await queue.add({ kind: 'sync-spec', ...repo, tasksPath });
  }
  await queue.add({
    kind: 'check-spec',
    ...repo,
    tasksPath,
    headSha: payload.check_run.head_sha,
    branch: payload.check_run.check_suite?.head_branch ?? null,
    rerun: true,
  });
}
