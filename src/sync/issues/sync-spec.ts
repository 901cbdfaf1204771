import { loadRepoConfig } from '../../config/load-config.js';
import { specLabel, specNameOf } from '../../core/plan/issue-labels.js';
import { type IssuePlan, isEmptyPlan } from '../../core/plan/plan-issue-sync.js';
import { blobUrl } from '../../core/render/issue/issue-view.js';
import { type SpecLocation, specLocation } from '../../core/specs/find-specs.js';
import { groupUnits } from '../../core/structure/group-units.js';
import type { GitHubClient } from '../../github/client.js';
import { createGitHubGateway, type IssueSnapshot, type RepoRef } from '../../github/gateway.js';
import type { RepositoryFacts, SyncSpecJob } from '../../queue/jobs.js';
import { issuePlanner } from '../../workers/plan-off-thread.js';
import { evaluateSpec, reportSpecCheck } from '../checks/check-spec.js';
import { readSpecDocuments, type SpecDocumentFiles } from '../checks/read-spec-documents.js';
import { readBodyTemplate } from '../shared/body-template.js';
import { isSpecProblem } from '../shared/error-policy.js';
import type { JobContext } from '../shared/job-context.js';
import { guardAgainstEmptying, readableSpec } from '../shared/readable-spec.js';
import type { Logger } from '../shared/services.js';
import { type TaskIssues, taskIssuesOf } from '../shared/task-issues.js';
import { tasksParser } from '../shared/tasks-parser.js';
import { resolveTrackingBranch } from '../shared/tracking-branch.js';
import { applyAssignees } from './apply-assignees.js';
import { type ApplyCounts, applyIssuePlan } from './apply-issue-plan.js';
import { applySpecStructure, keepsSpecParent, type StructureResult } from './apply-structure.js';
import { specParentIntro } from './spec-parent-intro.js';
import { structureIssues } from './structure-issues.js';

export interface SyncResult {
  tasksPath: string;
  branch: string;
  headSha: string;
  plan: IssuePlan;
  applied: ApplyCounts | null;
  /** The writes of the spec's structure (parent issue, sub-issues, blocked-by), made or, dry, planned. */
  structure: StructureResult;
  /** tasks.md as read at `headSha`. */
  text: string;
  /** The spec's issues as listed before the plan was applied. */
  issues: TaskIssues;
  /** The spec's other documents at `headSha`, when the sync read them (for the parent issue). */
  documents?: SpecDocumentFiles;
  /** The issue body template, read from the default branch and found usable. */
  bodyTemplate: string;
}

/** What a reconcile works with: a job's context, or the CLI's equivalent. */
type SyncContext = Pick<
  JobContext,
  'gateway' | 'config' | 'log' | 'repository' | 'trackingBranch' | 'parseTasks' | 'planIssues'
>;

/**
 * Level-triggered reconcile of one spec: read tasks.md at the tracking branch's current head, list the
 * issues spec-sync owns for the spec, plan the difference and apply only that. A spec problem (unreadable
 * or emptied file, missing template) throws before anything is written.
 */
export async function reconcile(
  ctx: SyncContext,
  tasksPath: string,
  options: { dryRun?: boolean; branch?: string } = {},
): Promise<SyncResult | null> {
  const { gateway, config, log } = ctx;
  const spec = specLocation(tasksPath);
  const found = await readAtBranchHead(ctx, spec, options.branch);
  if (!found) {
    // Absent is not empty: a spec that is not on its branch leaves its issues as they are.
    log.info(
      { tasksPath, branch: options.branch },
      'Spec not on its tracking branch; issues left as they are',
    );
    return null;
  }
  const { branch, head, text } = found;
  const doc = await readableSpec(ctx.parseTasks, text, tasksPath);
  const label = specLabel(specNameOf(spec.dir), config.issues.labels);
  const listedAt = new Date();
  const issues = taskIssuesOf(await gateway.listIssuesWithLabel(label), spec.dir);
  guardAgainstEmptying(doc, issues.openCount, tasksPath);
  const repository = await ctx.repository();
  const bodyTemplate = await readBodyTemplate(ctx);
  const input = {
    specDir: spec.dir,
    tasksPath,
    branch,
    htmlBase: repository.htmlUrl,
    doc,
    actual: issues.listed,
    config: config.issues,
    templates: { body: bodyTemplate },
    allowMentions: config.allowMentions,
  };
  // Granularity other than `task`: story, phase or spec issues (apply-structure.ts) instead of task issues.
  const plan = await ctx.planIssues(
    config.issues.granularity === 'task' ? input : { ...input, config: { ...config.issues, enabled: false } },
  );
  for (const warning of plan.warnings) log.warn({ tasksPath, warning }, 'Spec needs a look');
  const dryRun = options.dryRun === true;
  const created: IssueSnapshot[] = dryRun ? plan.creates.map(plannedIssue) : [];
  const applied =
    dryRun || isEmptyPlan(plan)
      ? null
      : await applyIssuePlan(plan, {
          gateway,
          input,
          specLabel: label,
          listedAt,
          log,
          onCreated: (issue) => created.push(issue),
        });
  // The parent issue's summary and links come from the spec's documents: read here at the same commit the
  // check that follows reads, which takes them from this result instead of reading them again.
  const documents = keepsSpecParent(config) ? await readSpecDocuments(gateway, head, spec.dir) : undefined;
  const where = { htmlBase: repository.htmlUrl, branch, specDir: spec.dir, tasksPath };
  const structure = await applySpecStructure({
    gateway,
    log,
    config,
    doc,
    specDir: input.specDir,
    specName: specNameOf(spec.dir),
    specLabel: label,
    branch,
    tasksUrl: blobUrl(where, tasksPath),
    intro: specParentIntro(documents ?? {}, where),
    listed: [...issues.listed, ...created],
    fresh: new Set(created.map((issue) => issue.number)),
    dryRun,
  });
  if (config.issues.enabled && config.structure.assignees && config.issues.granularity === 'task') {
    const byKey = structureIssues([...issues.listed, ...created], input.specDir);
    structure.ops.push(...(await applyAssignees(gateway, doc, groupUnits(doc, 'task'), byKey, dryRun)));
  }
  if (applied || (!dryRun && structure.ops.length > 0))
    log.info({ tasksPath, branch, ...applied, structure: structure.ops.length }, 'Spec synced');
  return {
    tasksPath,
    branch,
    headSha: head,
    plan,
    applied,
    structure,
    text,
    issues,
    documents,
    bodyTemplate,
  };
}

/** A dry run's stand-in for an issue the plan would create: its marker, no number. */
function plannedIssue(op: IssuePlan['creates'][number]): IssueSnapshot {
  return {
    number: 0,
    id: 0,
    title: op.title,
    body: op.body,
    state: 'open',
    stateReason: null,
    labels: op.labels,
    htmlUrl: '',
    author: null,
  };
}

/**
 * tasks.md at the head of the branch named (or the spec's tracking branch): one branch read, one file
 * read. A named branch that is gone (merged and deleted since the job was queued) falls back to tracking.
 */
async function readAtBranchHead(
  ctx: SyncContext,
  spec: SpecLocation,
  named: string | undefined,
): Promise<{ branch: string; head: string; text: string } | null> {
  const branch = named ?? (await ctx.trackingBranch(spec));
  let found = await ctx.gateway.readFileAtBranchHead(branch, spec.tasksPath);
  if (!found && named) {
    const tracking = await ctx.trackingBranch(spec);
    if (tracking !== named) {
      found = await ctx.gateway.readFileAtBranchHead(tracking, spec.tasksPath);
      return found && { branch: tracking, head: found.head, text: found.file.text };
    }
  }
  return found && { branch, head: found.head, text: found.file.text };
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

/** The CLI's door onto the same reconcile: an invalid config throws its ConfigError to the caller. */
export async function reconcileSpec(options: SyncSpecOptions): Promise<SyncResult | null> {
  const { client, ref, log } = options;
  const gateway = createGitHubGateway(client, ref);
  const config = await loadRepoConfig(gateway);
  let repository: Promise<RepositoryFacts> | undefined;
  const ctx: SyncContext = {
    gateway,
    config,
    log,
    parseTasks: tasksParser(undefined),
    planIssues: issuePlanner(undefined),
    repository: () => {
      repository ??= gateway.getRepository();
      return repository;
    },
    trackingBranch: async (spec) =>
      resolveTrackingBranch(gateway, config.tracking, spec, (await ctx.repository()).defaultBranch),
  };
  return reconcile(ctx, options.tasksPath, { dryRun: options.dryRun, branch: options.branch });
}

/**
 * The queued job: sync one spec, then check the commit that asked for it. A spec problem is never retried:
 * it fails that check run with the reason and the line. Any other failure goes to the queue, which retries
 * a transient one; once it fails for good the app queues a check that says so (app.ts, `reportFailedSync`).
 */
export async function syncSpec(ctx: JobContext, job: SyncSpecJob): Promise<void> {
  let result: SyncResult | null;
  try {
    result = await reconcile(ctx, job.tasksPath, { branch: job.trackingBranch });
  } catch (error) {
    if (!isSpecProblem(error)) throw error;
    ctx.log.warn({ tasksPath: job.tasksPath, reason: error.message }, 'Spec not synced');
    if (job.check) {
      const target = { tasksPath: job.tasksPath, ...job.check };
      await reportSpecCheck(ctx, target, () => Promise.reject(error));
    }
    return;
  }
  if (job.check) await checkAfterSync(ctx, job, job.check, result);
}

/**
 * Checks the commit right after its sync, reusing what the sync read when it read that same commit: the
 * file, and the issue listing unless issues were created (the check links them); and, whatever the commit,
 * the body template (it comes from the default branch).
 */
async function checkAfterSync(
  ctx: JobContext,
  job: SyncSpecJob,
  check: NonNullable<SyncSpecJob['check']>,
  result: SyncResult | null,
): Promise<void> {
  const same = result !== null && result.headSha === check.headSha;
  const text = same ? result.text : (await ctx.gateway.readFile(check.headSha, job.tasksPath))?.text;
  if (text === undefined) return;
  const created = (result?.applied?.created ?? 0) + (result?.applied?.adopted ?? 0);
  const issues = same && created === 0 ? result.issues : undefined;
  const documents = same ? result.documents : undefined;
  const target = {
    tasksPath: job.tasksPath,
    ...check,
    text,
    ...(issues ? { issues } : {}),
    ...(documents ? { documents } : {}),
    ...(result ? { bodyTemplate: result.bodyTemplate } : {}),
  };
  await reportSpecCheck(ctx, target, () => evaluateSpec(ctx, target));
}
