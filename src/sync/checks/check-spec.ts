import { CONFIG_PATH, type ConfigError } from '../../config/load-config.js';
import type { Config } from '../../config/schema.js';
import { evaluateGates } from '../../core/gates/evaluate-gates.js';
import type { SpecDocument } from '../../core/model.js';
import { SYNC_NOW } from '../../core/render/check/check-actions.js';
import { renderCheckOutput } from '../../core/render/check/render-check.js';
import { renderConfigError, renderFileError } from '../../core/render/check/render-file-error.js';
import { blobUrl } from '../../core/render/issue/issue-view.js';
import { type SpecLocation, specLocation } from '../../core/specs/find-specs.js';
import { specCheckName } from '../../core/specs/spec-names.js';
import { GitHubRequestError } from '../../github/errors.js';
import type { CheckRunResult } from '../../github/gateway.js';
import type { CheckSpecJob } from '../../queue/jobs.js';
import { unassignableFindings } from '../shared/assignable-logins.js';
import { readBodyTemplate } from '../shared/body-template.js';
import { isSpecProblem, problemLocation } from '../shared/error-policy.js';
import type { BareContext, JobContext } from '../shared/job-context.js';
import { guardAgainstEmptying, readableSpec } from '../shared/readable-spec.js';
import { readTaskIssues, type TaskIssues } from '../shared/task-issues.js';
import { builtinTemplate } from '../shared/templates.js';
import { readSpecDocuments, type SpecDocumentFiles } from './read-spec-documents.js';

/** How a spec's check run is named in the PR's checks list: one line, within its length (spec-names.ts). */
function checkName(spec: SpecLocation): string {
  return specCheckName(spec.name);
}

/** The check run that reports an invalid `.github/spec-sync.yml`. */
const CONFIG_CHECK_NAME = 'spec-sync: configuration';

/** The commit a check reports on, and what is already known about it (a sync that ran just before). */
export interface CheckTarget {
  tasksPath: string;
  headSha: string;
  branch: string | null;
  rerun?: boolean;
  /** tasks.md's text at `headSha`. */
  text: string;
  /** The spec's task issues, when the caller listed them. */
  issues?: TaskIssues;
  /** The spec's other documents at `headSha`, when the caller read them. */
  documents?: SpecDocumentFiles;
  /** The issue body template, when the caller read it (and so found it usable). */
  bodyTemplate?: string;
}

/** The queued job: evaluate a spec's gates at a commit and report them as one run that always ends. */
export async function checkSpec(ctx: JobContext, job: CheckSpecJob): Promise<void> {
  if (job.syncFailure) return reportFailedSync(ctx, job, job.syncFailure);
  const file = await ctx.gateway.readFile(job.headSha, job.tasksPath);
  // No tasks.md at this commit (a check suite raced a delete): nothing to report on.
  if (!file) return;
  const target = { ...job, text: file.text };
  await reportSpecCheck(ctx, target, () => evaluateSpec(ctx, target));
}

/**
 * The spec's sync failed for good (GitHub kept failing, or refused): its commit's check run fails and says
 * what went wrong, rather than passing while the issues are not in sync.
 */
async function reportFailedSync(
  ctx: BareContext,
  job: CheckSpecJob,
  failure: NonNullable<CheckSpecJob['syncFailure']>,
): Promise<void> {
  const tries = failure.attempts === 1 ? 'once' : `${failure.attempts} times`;
  const message = `spec-sync could not sync this spec's issues (tried ${tries}): ${failure.reason}`;
  const slot = await ctx.gateway.openCheck({
    name: checkName(specLocation(job.tasksPath)),
    headSha: job.headSha,
    externalId: job.tasksPath,
  });
  await ctx.gateway.finishCheck(slot, {
    conclusion: 'failure',
    ...renderFileError({ path: job.tasksPath, message }),
  });
}

/**
 * Reports one check run for a spec at a commit. The run shows as in progress while `evaluate` runs; a spec
 * problem it throws ends the run as a failure saying what is wrong and where; any other failure ends it as
 * a failure with GitHub's request id, then the error goes on to the queue's policy.
 */
export async function reportSpecCheck(
  ctx: BareContext,
  target: Omit<CheckTarget, 'text'>,
  evaluate: () => Promise<CheckRunResult>,
): Promise<void> {
  const spec = specLocation(target.tasksPath);
  const slot = await ctx.gateway.openCheck({
    name: checkName(spec),
    headSha: target.headSha,
    externalId: target.tasksPath,
    fresh: target.rerun,
  });
  try {
    await ctx.gateway.finishCheck(slot, await evaluate());
  } catch (error) {
    await ctx.gateway.finishCheck(slot, failureResult(error as Error, target.tasksPath));
    if (isSpecProblem(error)) {
      ctx.log.warn({ tasksPath: target.tasksPath, reason: error.message }, 'Spec problem reported');
      return;
    }
    throw error;
  }
}

/** A check's failing result for an error: a spec problem at its line, else the error and its request id. */
function failureResult(error: Error, tasksPath: string): CheckRunResult {
  if (isSpecProblem(error)) {
    const { path, line } = problemLocation(error, tasksPath);
    const message = 'reason' in error ? String(error.reason) : error.message;
    return { conclusion: 'failure', ...renderFileError({ path, message, line }) };
  }
  const requestId =
    error instanceof GitHubRequestError && error.requestId ? ` (request ${error.requestId})` : '';
  return {
    conclusion: 'failure',
    ...renderFileError({ path: tasksPath, message: `${error.message}${requestId}` }),
  };
}

/**
 * The spec's check result at a commit. The spec problems a sync refuses (an unreadable file, a file that
 * would close every open issue, a missing or broken body template) fail the check here too, so a rerun of
 * the check says the same as the sync did.
 */
export async function evaluateSpec(ctx: JobContext, target: CheckTarget): Promise<CheckRunResult> {
  const { config, gateway } = ctx;
  const spec = specLocation(target.tasksPath);
  const { text } = target;
  const doc = await readableSpec(ctx.parseTasks, text, spec.tasksPath);
  const issues = target.issues ?? (await readTaskIssues(gateway, config, spec.dir));
  if (config.issues.enabled) {
    guardAgainstEmptying(doc, issues.openCount, spec.tasksPath);
    if (target.bodyTemplate === undefined) await readBodyTemplate(ctx);
  }
  return gateResult(ctx, spec, target, doc, text, issues);
}

async function gateResult(
  ctx: JobContext,
  spec: SpecLocation,
  target: CheckTarget,
  doc: SpecDocument,
  text: string,
  issues: TaskIssues,
): Promise<CheckRunResult> {
  const { config, gateway } = ctx;
  const documents = target.documents ?? (await readSpecDocuments(gateway, target.headSha, spec.dir));
  const repository = await ctx.repository();
  const pullRequestIntoDefaultBranch = await opensPullRequestInto(
    ctx,
    config,
    target.branch,
    repository.defaultBranch,
  );
  // A login the file assigns that GitHub refuses is a finding on its line, like the parser's own.
  const refused =
    config.issues.enabled && config.structure.assignees ? await unassignableFindings(gateway, doc) : [];
  const report = evaluateGates(
    {
      specDir: spec.dir,
      tasksPath: spec.tasksPath,
      doc: refused.length > 0 ? { ...doc, findings: [...doc.findings, ...refused] } : doc,
      documents,
      tasksText: text,
      pullRequestIntoDefaultBranch,
    },
    config.gates,
  );
  const at = { htmlBase: repository.htmlUrl, branch: target.headSha };
  const output = renderCheckOutput(report, {
    template: builtinTemplate('check-summary.md.hbs'),
    issueUrls: Object.fromEntries([...issues.byTask].map(([id, issue]) => [id, issue.htmlUrl])),
    tasksUrl: (path, line) => blobUrl(at, path, line),
  });
  return { conclusion: report.conclusion, ...output, actions: config.issues.enabled ? [SYNC_NOW] : [] };
}

/** Whether the checked branch has an open pull request into the default branch; asked only when it matters. */
async function opensPullRequestInto(
  ctx: JobContext,
  config: Config,
  branch: string | null,
  defaultBranch: string,
): Promise<boolean> {
  if (!config.gates.completionOnDefaultBranchPullRequests || !branch || branch === defaultBranch)
    return false;
  return (await ctx.gateway.findOpenPullRequest(branch, defaultBranch)) !== null;
}

/** An invalid config fails a check run of its own, annotated on the offending lines; nothing else runs. */
export async function reportConfigError(
  ctx: BareContext,
  headSha: string,
  error: ConfigError,
): Promise<void> {
  const file = await ctx.gateway.readFile(headSha, CONFIG_PATH);
  const output = renderConfigError({ path: CONFIG_PATH, text: file?.text ?? '', issues: error.problems });
  await ctx.gateway.reportCheck(
    { name: CONFIG_CHECK_NAME, headSha, externalId: '' },
    { conclusion: 'failure', ...output },
  );
}
