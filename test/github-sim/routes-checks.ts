import type { JsonObject } from './objects-base.js';
import { checkRunObject } from './objects-pulls.js';
import {
  intParam,
  listResponse,
  notFound,
  ok,
  type RouteTable,
  repoOf,
  SimError,
  type SimRequest,
  stringField,
} from './route-types.js';
import type { StoredAnnotation, StoredCheckRun } from './state.js';

// Limits from GitHub's "Create a check run" documentation.
/** Annotations accepted per create/update request; more need further updates. */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
/** `output.summary` and `output.text` maximum length in characters. */
export const MAX_OUTPUT_TEXT = 65535;
/** Requested-action buttons per check run. */
export const MAX_ACTIONS = 3;
const MAX_ACTION_LABEL = 20;
const MAX_ACTION_IDENTIFIER = 20;
const MAX_ACTION_DESCRIPTION = 40;

function invalid(field: string, message: string): SimError {
  return new SimError(422, 'Invalid request.', [{ resource: 'CheckRun', field, code: 'invalid', message }]);
}

function checkOutput(output: JsonObject | undefined): StoredAnnotation[] {
  if (!output) return [];
  for (const field of ['summary', 'text'] as const) {
    const value = stringField(output, field);
    if (value !== undefined && value.length > MAX_OUTPUT_TEXT) {
      throw invalid(
        `output.${field}`,
        `Only ${MAX_OUTPUT_TEXT} characters are allowed; ${value.length} were supplied.`,
      );
    }
  }
  const annotations = Array.isArray(output.annotations) ? (output.annotations as StoredAnnotation[]) : [];
  if (annotations.length > MAX_ANNOTATIONS_PER_REQUEST) {
    throw invalid(
      'output.annotations',
      `Only ${MAX_ANNOTATIONS_PER_REQUEST} annotations are allowed per request.`,
    );
  }
  return annotations;
}

function checkActions(value: unknown): StoredCheckRun['actions'] | undefined {
  if (!Array.isArray(value)) return undefined;
  if (value.length > MAX_ACTIONS) throw invalid('actions', `Only ${MAX_ACTIONS} actions are allowed.`);
  for (const action of value as StoredCheckRun['actions']) {
    if (action.label.length > MAX_ACTION_LABEL)
      throw invalid('actions.label', 'label is too long (maximum is 20 characters)');
    if (action.identifier.length > MAX_ACTION_IDENTIFIER)
      throw invalid('actions.identifier', 'identifier is too long (maximum is 20 characters)');
    if (action.description.length > MAX_ACTION_DESCRIPTION)
      throw invalid('actions.description', 'description is too long (maximum is 40 characters)');
  }
  return value as StoredCheckRun['actions'];
}

/** Applies a create/update body; annotations accumulate across updates as on GitHub. */
function applyCheckBody(request: SimRequest, run: StoredCheckRun): void {
  const { body } = request;
  const output = body.output as JsonObject | undefined;
  const annotations = checkOutput(output);
  const actions = checkActions(body.actions);
  const conclusion = stringField(body, 'conclusion');
  const status = conclusion !== undefined ? 'completed' : (stringField(body, 'status') ?? run.status);
  if (status === 'completed' && conclusion === undefined && run.conclusion === null) {
    throw invalid('conclusion', 'conclusion is required when status is completed');
  }
  run.status = status;
  if (conclusion !== undefined) run.conclusion = conclusion;
  if (status === 'completed')
    run.completedAt = stringField(body, 'completed_at') ?? run.completedAt ?? request.sim.isoNow();
  if (stringField(body, 'started_at')) run.startedAt = stringField(body, 'started_at') ?? null;
  if (stringField(body, 'name')) run.name = stringField(body, 'name') ?? run.name;
  if (body.details_url !== undefined) run.detailsUrl = stringField(body, 'details_url') ?? null;
  if (body.external_id !== undefined) run.externalId = stringField(body, 'external_id') ?? null;
  if (output) {
    run.output = {
      title: stringField(output, 'title') ?? run.output.title,
      summary: stringField(output, 'summary') ?? run.output.summary,
      text: stringField(output, 'text') ?? run.output.text,
    };
  }
  run.annotations.push(...annotations);
  if (actions) run.actions = actions;
}

function createCheckRun(request: SimRequest) {
  const repo = repoOf(request);
  const headSha = stringField(request.body, 'head_sha') ?? '';
  if (!repo.commits.has(headSha)) throw new SimError(422, `No commit found for SHA: ${headSha}`);
  const run: StoredCheckRun = {
    id: request.sim.nextId(),
    name: stringField(request.body, 'name') ?? '',
    headSha,
    status: 'queued',
    conclusion: null,
    startedAt: request.sim.isoNow(),
    completedAt: null,
    detailsUrl: null,
    externalId: null,
    output: { title: null, summary: null, text: null },
    annotations: [],
    actions: [],
  };
  applyCheckBody(request, run);
  repo.checkRuns.push(run);
  return ok(checkRunObject(request.sim.urls, repo, run, request.sim.appId), 201);
}

function findRun(request: SimRequest): StoredCheckRun {
  const run = repoOf(request).checkRuns.find((r) => r.id === intParam(request, 'check_run_id'));
  if (!run) throw notFound();
  return run;
}

function listForRef(request: SimRequest) {
  const repo = repoOf(request);
  const commit = repo.resolve(request.params.ref ?? '');
  if (!commit) throw new SimError(422, `No commit found for SHA: ${request.params.ref}`);
  const name = request.query.get('check_name');
  const status = request.query.get('status');
  const runs = repo.checkRuns
    .filter(
      (run) =>
        run.headSha === commit.sha && (!name || run.name === name) && (!status || run.status === status),
    )
    .reverse();
  const page = listResponse(request, runs, (run) =>
    checkRunObject(request.sim.urls, repo, run, request.sim.appId),
  );
  return { ...page, body: { total_count: runs.length, check_runs: page.body } };
}

export const checkRoutes: RouteTable = {
  'POST /repos/{owner}/{repo}/check-runs': createCheckRun,
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': (request) => {
    const run = findRun(request);
    applyCheckBody(request, run);
    return ok(checkRunObject(request.sim.urls, repoOf(request), run, request.sim.appId));
  },
  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}': (request) =>
    ok(checkRunObject(request.sim.urls, repoOf(request), findRun(request), request.sim.appId)),
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': listForRef,
  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations': (request) => {
    const repo = repoOf(request);
    return listResponse(request, findRun(request).annotations, (a) => ({
      path: a.path,
      blob_href: `${request.sim.urls.html}/${repo.fullName}/blob/HEAD/${a.path}`,
      start_line: a.start_line,
      end_line: a.end_line,
      start_column: a.start_column ?? null,
      end_column: a.end_column ?? null,
      annotation_level: a.annotation_level,
      title: a.title ?? null,
      message: a.message,
      raw_details: a.raw_details ?? null,
    }));
  },
};
