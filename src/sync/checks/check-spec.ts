import { CONFIG_PATH, ConfigError, loadRepoConfig } from '../../config/load-config.js';
import type { Config } from '../../config/schema.js';
import { evaluateGates } from '../../core/gates/evaluate-gates.js';
import { GATE_DOCUMENT_NAMES } from '../../core/gates/gate-documents.js';
import type { SpecFile } from '../../core/gates/types.js';
import { parseTasksCached } from '../../core/parse/parse-cache.js';
import { specLabel, specNameOf } from '../../core/plan/issue-labels.js';
import { SYNC_NOW } from '../../core/render/check/check-actions.js';
import { sameAnnotations } from '../../core/render/check/check-limits.js';
import { renderCheckOutput } from '../../core/render/check/render-check.js';
import { renderConfigError, renderFileError } from '../../core/render/check/render-file-error.js';
import { readIssueMarker } from '../../core/render/issue/issue-marker.js';
import { findSpecs, type SpecLocation, specLocation } from '../../core/specs/find-specs.js';
import { GitHubRequestError } from '../../github/errors.js';
import { type CheckRunResult, GitHubGateway } from '../../github/gateway.js';
import type { CheckSpecJob, CheckSuiteJob, RepositoryInstalledJob } from '../../queue/jobs.js';
import { UNREADABLE_FINDINGS } from '../shared/readable-spec.js';
import type { Services } from '../shared/services.js';
import { builtinTemplate } from '../shared/templates.js';

/** How a spec's check run is named in the PR's checks list. */
export function checkName(spec: SpecLocation): string {
  return `spec-sync: ${spec.name}`;
}

/** The check run that reports an invalid `.github/spec-sync.yml`. */
export const CONFIG_CHECK_NAME = 'spec-sync: configuration';

/** Evaluates a spec's gates at a commit and reports them as one check run that always ends completed. */
export async function checkSpec(job: CheckSpecJob, services: Services): Promise<void> {
  const client = await services.clientFor(job.installationId);
  const gateway = new GitHubGateway(client, { owner: job.owner, repo: job.repo });
  const config = await configOrReport(gateway, job.headSha, () => loadRepoConfig(client, gateway.ref));
  if (!config) return;
  const file = await gateway.readFile(job.headSha, job.tasksPath);
  if (!file) return;
  const spec = specLocation(job.tasksPath);
  const start = () =>
    gateway.startCheckRun({ name: checkName(spec), headSha: job.headSha, externalId: job.tasksPath });
  const run = job.rerun
    ? { id: await start(), annotationsCount: 0, completed: false }
    : await findOrStart(gateway, checkName(spec), job.headSha, start);
  try {
    await reportRun(gateway, run, await evaluate(gateway, config, spec, job, file.text), start);
  } catch (error) {
    // Never leave a run in progress: say what failed (with GitHub's request id), then let the job retry.
    const requestId =
      error instanceof GitHubRequestError && error.requestId ? ` (request ${error.requestId})` : '';
    const output = renderFileError({
      path: job.tasksPath,
      message: `${(error as Error).message}${requestId}`,
    });
    await reportRun(gateway, run, { conclusion: 'failure', ...output }, start);
    throw error;
  }
}

const SUPERSEDED: CheckRunResult = {
  conclusion: 'neutral',
  title: 'Superseded by a newer run',
  summary: 'This report broke off; a newer run of this check on the same commit has the result.',
  annotations: [],
};

/** The run being reported on: reused runs may already carry annotations. */
interface RunSlot {
  id: number;
  annotationsCount: number;
  completed: boolean;
}

/** One check run per name and commit: a repeated request (a re-check after a sync) reuses it. */
async function findOrStart(
  gateway: GitHubGateway,
  name: string,
  headSha: string,
  start: () => Promise<number>,
): Promise<RunSlot> {
  const [existing] = await gateway.listCheckRuns(headSha, name);
  return existing
    ? {
        id: existing.id,
        annotationsCount: existing.annotationsCount,
        completed: existing.status === 'completed',
      }
    : { id: await start(), annotationsCount: 0, completed: false };
}

/**
 * Completes the run. GitHub appends every update's annotations to those a run has and never removes one:
 * a reused run that already holds exactly this report's annotations gets only the new title and summary;
 * one that holds others (the config changed, or an earlier report broke off) is left as it is and a new run
 * takes its place, since GitHub shows the newest run of a name.
 */
async function reportRun(
  gateway: GitHubGateway,
  run: RunSlot,
  result: CheckRunResult,
  start: () => Promise<number>,
): Promise<void> {
  if (run.annotationsCount > 0) {
    const held = await gateway.listCheckAnnotations(run.id);
    if (sameAnnotations(held, result.annotations)) {
      await gateway.completeCheckRun(run.id, { ...result, annotations: [] });
      return;
    }
    // A run left unfinished (a report that broke off) still ends: as neutral, pointing to its successor.
    if (!run.completed) await gateway.completeCheckRun(run.id, SUPERSEDED);
    // Mutated so that a failure while completing the new run is reported on the new run.
    run.id = await start();
    run.annotationsCount = 0;
    run.completed = false;
  }
  await gateway.completeCheckRun(run.id, result);
}

async function evaluate(
  gateway: GitHubGateway,
  config: Config,
  spec: SpecLocation,
  target: { headSha: string; branch: string | null },
  text: string,
): Promise<CheckRunResult> {
  const { headSha } = target;
  const doc = parseTasksCached(text, { path: spec.tasksPath });
  const fatal = doc.findings.find((finding) => UNREADABLE_FINDINGS.has(finding.code));
  if (fatal) {
    return {
      conclusion: 'failure',
      ...renderFileError({ path: spec.tasksPath, message: fatal.message, line: fatal.line }),
    };
  }
  const documents = await readDocuments(gateway, headSha, spec.dir);
  const repository = await gateway.getRepository();
  const pullRequestIntoDefaultBranch = await opensPullRequestInto(
    gateway,
    config,
    target.branch,
    repository.defaultBranch,
  );
  const report = evaluateGates(
    {
      specDir: spec.dir,
      tasksPath: spec.tasksPath,
      doc,
      documents,
      tasksText: text,
      pullRequestIntoDefaultBranch,
    },
    config.gates,
  );
  const issueUrls = await taskIssueUrls(gateway, spec, config);
  const htmlBase = `${repository.htmlUrl}/blob/${headSha}`;
  const output = renderCheckOutput(report, {
    template: builtinTemplate('check-summary.md.hbs'),
    issueUrls,
    tasksUrl: (path, line) => `${htmlBase}/${path}#L${line}`,
  });
  return { conclusion: report.conclusion, ...output, actions: config.issues.enabled ? [SYNC_NOW] : [] };
}

/** Whether the checked branch has an open pull request into the default branch; asked only when it matters. */
async function opensPullRequestInto(
  gateway: GitHubGateway,
  config: Config,
  branch: string | null,
  defaultBranch: string,
): Promise<boolean> {
  if (!config.gates.completionOnDefaultBranchPullRequests || !branch || branch === defaultBranch)
    return false;
  return (await gateway.findOpenPullRequest(branch, defaultBranch)) !== null;
}

/** The spec's other documents at the commit: one directory listing, then only the files that exist. */
async function readDocuments(
  gateway: GitHubGateway,
  ref: string,
  dir: string,
): Promise<Record<string, SpecFile>> {
  const present = new Set(await gateway.listDirectory(ref, dir));
  const documents: Record<string, SpecFile> = {};
  for (const name of GATE_DOCUMENT_NAMES) {
    const path = `${dir}/${name}`;
    const file = present.has(name) ? await gateway.readFile(ref, path) : null;
    documents[name] = file ? { path, text: file.text } : null;
  }
  return documents;
}

async function taskIssueUrls(
  gateway: GitHubGateway,
  spec: SpecLocation,
  config: Config,
): Promise<Record<string, string>> {
  if (!config.issues.enabled) return {};
  const issues = await gateway.listIssuesWithLabel(specLabel(specNameOf(spec.dir), config.issues.labels));
  const urls: Record<string, string> = {};
  for (const issue of issues) {
    const marker = readIssueMarker(issue.body);
    if (marker?.kind === 'task' && marker.spec === spec.dir && !urls[marker.id])
      urls[marker.id] = issue.htmlUrl;
  }
  return urls;
}

/** A check suite or merge group: a check for every spec at the commit. */
export async function checkSuite(job: CheckSuiteJob, services: Services): Promise<void> {
  const client = await services.clientFor(job.installationId);
  const gateway = new GitHubGateway(client, { owner: job.owner, repo: job.repo });
  const config = await configOrReport(gateway, job.headSha, () => loadRepoConfig(client, gateway.ref));
  if (!config) return;
  const base = {
    installationId: job.installationId,
    owner: job.owner,
    repo: job.repo,
    deliveryId: job.deliveryId,
  };
  for (const spec of findSpecs(await gateway.listPaths(job.headSha), config.specs)) {
    await services.queue.add({
      kind: 'check-spec',
      ...base,
      tasksPath: spec.tasksPath,
      headSha: job.headSha,
      branch: job.branch,
    });
  }
}

/** A new installation: check the specs at the head of the default branch (no issues are written). */
export async function checkInstalledRepository(
  job: RepositoryInstalledJob,
  services: Services,
): Promise<void> {
  const client = await services.clientFor(job.installationId);
  const gateway = new GitHubGateway(client, { owner: job.owner, repo: job.repo });
  const { defaultBranch } = await gateway.getRepository();
  const headSha = await gateway.getBranchHead(defaultBranch);
  if (!headSha) return;
  const { kind: _kind, ...repo } = job;
  await services.queue.add({ ...repo, kind: 'check-suite', headSha, branch: defaultBranch });
}

async function configOrReport(
  gateway: GitHubGateway,
  headSha: string,
  load: () => Promise<Config>,
): Promise<Config | null> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    await reportConfigError(gateway, headSha, error);
    return null;
  }
}

/** An invalid config fails a check run of its own, annotated on the offending lines; nothing else runs. */
export async function reportConfigError(
  gateway: GitHubGateway,
  headSha: string,
  error: ConfigError,
): Promise<void> {
  const file = await gateway.readFile(headSha, CONFIG_PATH);
  const output = renderConfigError({ path: CONFIG_PATH, text: file?.text ?? '', issues: error.problems });
  const start = () => gateway.startCheckRun({ name: CONFIG_CHECK_NAME, headSha, externalId: '' });
  const run = await findOrStart(gateway, CONFIG_CHECK_NAME, headSha, start);
  await reportRun(gateway, run, { conclusion: 'failure', ...output }, start);
}
