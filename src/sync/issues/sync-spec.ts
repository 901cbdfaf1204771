import { ConfigError, loadRepoConfig } from '../../config/load-config.js';
import type { Config } from '../../config/schema.js';
import { specLabel, specNameOf } from '../../core/plan/issue-labels.js';
import { type IssuePlan, isEmptyPlan, planIssueSync } from '../../core/plan/plan-issue-sync.js';
import { TemplateError } from '../../core/render/render-template.js';
import { specLocation } from '../../core/specs/find-specs.js';
import type { GitHubClient } from '../../github/client.js';
import { GitHubGateway, type RepoRef } from '../../github/gateway.js';
import type { SyncSpecJob } from '../../queue/jobs.js';
import { guardAgainstEmptying, readableSpec, SpecUnreadableError } from '../shared/readable-spec.js';
import type { Logger, Services } from '../shared/services.js';
import { builtinTemplate } from '../shared/templates.js';
import { resolveTrackingBranch } from '../shared/tracking-branch.js';
import { type ApplyCounts, applyIssuePlan } from './apply-issue-plan.js';

export interface SyncResult {
  tasksPath: string;
  branch: string;
  headSha: string;
  plan: IssuePlan;
  applied: ApplyCounts | null;
}

export interface SyncSpecOptions {
  client: GitHubClient;
  ref: RepoRef;
  tasksPath: string;
  log: Logger;
  /** Plan only: nothing is written. */
  dryRun?: boolean;
  /** A branch to read instead of the tracking branch (the CLI's `--ref`). */
  branch?: string;
}

/**
 * Level-triggered reconcile of one spec: read tasks.md at the tracking branch's current head, list the
 * issues spec-sync owns for the spec, plan the difference and apply only that.
 */
export async function reconcileSpec(options: SyncSpecOptions): Promise<SyncResult | null> {
  const { client, ref, tasksPath, log } = options;
  const gateway = new GitHubGateway(client, ref);
  const config = await loadRepoConfig(client, ref);
  const repository = await gateway.getRepository();
  const spec = specLocation(tasksPath);
  const branch =
    options.branch ?? (await resolveTrackingBranch(gateway, config.tracking, spec, repository.defaultBranch));
  const head = await gateway.getBranchHead(branch);
  const file = head ? await gateway.readFile(head, tasksPath) : null;
  if (!head || !file) {
    // Absent is not empty: a spec that is not on its branch leaves its issues as they are.
    log.info({ tasksPath, branch }, 'Spec not on its tracking branch; issues left as they are');
    return null;
  }
  const doc = readableSpec(file.text, tasksPath);
  const label = specLabel(specNameOf(spec.dir), config.issues.labels);
  const listedAt = new Date();
  const actual = await gateway.listIssuesWithLabel(label);
  guardAgainstEmptying(doc, actual.filter((issue) => issue.state === 'open').length, tasksPath);
  const input = {
    specDir: spec.dir,
    tasksPath,
    branch,
    htmlBase: repository.htmlUrl,
    doc,
    actual,
    config: config.issues,
    templates: { body: await bodyTemplate(gateway, config, repository.defaultBranch) },
  };
  const plan = planIssueSync(input);
  for (const warning of plan.warnings) log.warn({ tasksPath, warning }, 'Spec needs a look');
  if (options.dryRun || isEmptyPlan(plan)) return { tasksPath, branch, headSha: head, plan, applied: null };
  const applied = await applyIssuePlan(plan, { gateway, input, specLabel: label, listedAt, log });
  log.info({ tasksPath, branch, ...applied }, 'Spec synced');
  return { tasksPath, branch, headSha: head, plan, applied };
}

async function bodyTemplate(gateway: GitHubGateway, config: Config, defaultBranch: string): Promise<string> {
  if (!config.issues.bodyTemplate) return builtinTemplate('issue-body.md.hbs');
  const file = await gateway.readFile(defaultBranch, config.issues.bodyTemplate);
  if (!file)
    throw new Error(
      `issues.bodyTemplate names ${config.issues.bodyTemplate}, which is not on ${defaultBranch}`,
    );
  return file.text;
}

/** The queued job: sync one spec; a bad file or config is logged here and shown by the spec's check run. */
export async function syncSpec(job: SyncSpecJob, services: Services): Promise<void> {
  const client = await services.clientFor(job.installationId);
  const ref = { owner: job.owner, repo: job.repo };
  try {
    await reconcileSpec({ client, ref, tasksPath: job.tasksPath, log: services.log });
  } catch (error) {
    if (!isReportedProblem(error)) throw error;
    services.log.error({ job, reason: error.message }, 'Spec not synced');
  } finally {
    // Whatever the sync's outcome, the commit gets its check run (it reports a bad file or config too).
    if (job.check) {
      await services.queue.add({
        ...repoOf(job),
        kind: 'check-spec',
        tasksPath: job.tasksPath,
        ...job.check,
      });
    }
  }
}

/** Problems in the repository's own files: retrying will not help; the spec's check run shows them. */
export function isReportedProblem(error: unknown): error is Error {
  return (
    error instanceof SpecUnreadableError || error instanceof ConfigError || error instanceof TemplateError
  );
}

function repoOf(job: SyncSpecJob) {
  return { installationId: job.installationId, owner: job.owner, repo: job.repo, deliveryId: job.deliveryId };
}
