import { CONFIG_PATH, ConfigError, loadRepoConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import { evaluateGates } from '../core/gates/evaluate-gates.js';
import { GATE_DOCUMENT_NAMES } from '../core/gates/gate-documents.js';
import type { SpecFile } from '../core/gates/types.js';
import { parseTasksCached } from '../core/parse/parse-cache.js';
import { specLabel, specNameOf } from '../core/plan/issue-labels.js';
import { readIssueMarker } from '../core/plan/issue-marker.js';
import { renderConfigError, renderFileError } from '../core/render/check-config-error.js';
import { renderCheckOutput } from '../core/render/render-check.js';
import { findSpecs, type SpecLocation, specLocation } from '../core/specs/find-specs.js';
import { GitHubRequestError } from '../github/errors.js';
import { type CheckRunResult, GitHubGateway } from '../github/gateway.js';
import { SYNC_NOW_ACTION } from '../handlers/on-check.js';
import type { CheckSpecJob, CheckSuiteJob } from '../queue/jobs.js';
import type { Services } from './services.js';
import { UNREADABLE_FINDINGS } from './sync-spec.js';
import { builtinTemplate } from './templates.js';

/** How a spec's check run is named in the PR's checks list. */
export function checkName(spec: SpecLocation): string {
  return `spec-sync: ${spec.name}`;
}

/** The check run that reports an invalid `.github/spec-sync.yml`. */
export const CONFIG_CHECK_NAME = 'spec-sync: configuration';

/** GitHub: a requested action's label is at most 20 characters, its description at most 40. */
const SYNC_NOW = {
  label: 'Sync issues now',
  description: "Sync this spec's task issues",
  identifier: SYNC_NOW_ACTION,
};

/** Evaluates a spec's gates at a commit and reports them as one check run that always ends completed. */
export async function checkSpec(job: CheckSpecJob, services: Services): Promise<void> {
  const client = await services.clientFor(job.installationId);
  const gateway = new GitHubGateway(client, { owner: job.owner, repo: job.repo });
  const config = await configOrReport(gateway, job.headSha, () => loadRepoConfig(client, gateway.ref));
  if (!config) return;
  const file = await gateway.readFile(job.headSha, job.tasksPath);
  if (!file) return;
  const spec = specLocation(job.tasksPath);
  const runId = await startOrReuse(gateway, checkName(spec), job);
  try {
    await gateway.completeCheckRun(runId, await evaluate(gateway, config, spec, job.headSha, file.text));
  } catch (error) {
    // Never leave a run in progress: say what failed (with GitHub's request id), then let the job retry.
    const requestId =
      error instanceof GitHubRequestError && error.requestId ? ` (request ${error.requestId})` : '';
    const output = renderFileError({
      path: job.tasksPath,
      message: `${(error as Error).message}${requestId}`,
    });
    await gateway.completeCheckRun(runId, { conclusion: 'failure', ...output });
    throw error;
  }
}

async function evaluate(
  gateway: GitHubGateway,
  config: Config,
  spec: SpecLocation,
  headSha: string,
  text: string,
): Promise<CheckRunResult> {
  const doc = parseTasksCached(text, { path: spec.tasksPath });
  const fatal = doc.findings.find((finding) => UNREADABLE_FINDINGS.has(finding.code));
  if (fatal) {
    return {
      conclusion: 'failure',
      ...renderFileError({ path: spec.tasksPath, message: fatal.message, line: fatal.line }),
    };
  }
  const documents = await readDocuments(gateway, headSha, spec.dir);
  const report = evaluateGates(
    { specDir: spec.dir, tasksPath: spec.tasksPath, doc, documents, tasksText: text },
    config.gates,
  );
  const issueUrls = await taskIssueUrls(gateway, spec, config);
  const htmlBase = `${(await gateway.getRepository()).htmlUrl}/blob/${headSha}`;
  const output = renderCheckOutput(report, {
    template: builtinTemplate('check-summary.md.hbs'),
    issueUrls,
    tasksUrl: (path, line) => `${htmlBase}/${path}#L${line}`,
  });
  return { conclusion: report.conclusion, ...output, actions: config.issues.enabled ? [SYNC_NOW] : [] };
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

/** One check run per spec and commit: a repeated request reuses it; a person's rerun asks for a new one. */
async function startOrReuse(gateway: GitHubGateway, name: string, job: CheckSpecJob): Promise<number> {
  if (!job.rerun) {
    const [existing] = await gateway.listCheckRuns(job.headSha, name);
    if (existing) return existing.id;
  }
  return gateway.startCheckRun({ name, headSha: job.headSha, externalId: job.tasksPath });
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
  const [existing] = await gateway.listCheckRuns(headSha, CONFIG_CHECK_NAME);
  const runId =
    existing?.id ?? (await gateway.startCheckRun({ name: CONFIG_CHECK_NAME, headSha, externalId: '' }));
  await gateway.completeCheckRun(runId, { conclusion: 'failure', ...output });
}
