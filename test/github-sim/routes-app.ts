import { hookDeliveryObject, redeliver } from './hook-deliveries.js';
import { type JsonObject, repoObject, userObject } from './objects-base.js';
import { APP_EVENTS, APP_PERMISSIONS, appObject } from './objects-pulls.js';
import {
  listResponse,
  notFound,
  ok,
  paginate,
  type RouteTable,
  repoOf,
  SimError,
  type SimRequest,
} from './route-types.js';
import type { RepoState, SimState } from './state.js';
import { signPayload } from './webhooks.js';

/** Installation tokens last an hour on GitHub. */
const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

function installationObject(sim: SimState, repo: RepoState): JsonObject {
  const user = userObject(sim.urls, { login: repo.owner, id: repo.id + 1_000_000, type: 'User' });
  // GitHub's description of `GET /app/installations` joins the account's two shapes with allOf (user and
  // enterprise), so a listed account carries the enterprise fields too.
  const since = '2024-01-01T00:00:00Z';
  const account = { ...user, name: repo.owner, slug: repo.owner, created_at: since, updated_at: since };
  return {
    id: repo.installationId,
    client_id: `Iv1.${sim.appId}`,
    account,
    repository_selection: 'selected',
    access_tokens_url: `${sim.urls.api}/app/installations/${repo.installationId}/access_tokens`,
    repositories_url: `${sim.urls.api}/installation/repositories`,
    html_url: `${sim.urls.html}/settings/installations/${repo.installationId}`,
    app_id: sim.appId,
    app_slug: 'spec-sync',
    target_id: user.id,
    target_type: 'User',
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    single_file_name: null,
    suspended_by: null,
    suspended_at: null,
  };
}

function installations(sim: SimState): Map<number, RepoState[]> {
  const byId = new Map<number, RepoState[]>();
  for (const repo of sim.repos.values())
    byId.set(repo.installationId, [...(byId.get(repo.installationId) ?? []), repo]);
  return byId;
}

function createToken(request: SimRequest) {
  const id = Number(request.params.installation_id);
  const repos = installations(request.sim).get(id);
  if (!repos) throw notFound();
  const expires = new Date(request.sim.now() + TOKEN_LIFETIME_MS).toISOString().replace(/\.\d+Z$/, 'Z');
  return ok(
    {
      token: `ghs_sim${id}x${request.sim.nextId()}`,
      expires_at: expires,
      permissions: {
        issues: 'write',
        checks: 'write',
        contents: 'write',
        pull_requests: 'write',
        metadata: 'read',
      },
      repository_selection: 'selected',
    },
    201,
  );
}

/** The repositories an installation token can reach, paged like every list (`page`, `per_page`, `Link`). */
function installationRepositories(request: SimRequest) {
  if (request.installationId === undefined)
    throw new SimError(403, 'This endpoint requires an installation access token');
  const repos = installations(request.sim).get(request.installationId) ?? [];
  const { page, headers } = paginate(request, repos);
  const repositories = page.map((repo) => repoObject(request.sim.urls, repo));
  return { ...ok({ total_count: repos.length, repository_selection: 'selected', repositories }), headers };
}

function rateLimit(request: SimRequest) {
  const core = { ...request.rate };
  return ok({ resources: { core, search: { ...core, limit: 30, remaining: 30, used: 0 } }, rate: core });
}

function listHookDeliveries(request: SimRequest) {
  const perPage = Math.min(Number(request.query.get('per_page') ?? 30), 100);
  const status = request.query.get('status');
  const items = request.sim.hookDeliveries.items.filter((item) => {
    if (!status) return true;
    const success = item.statusCode >= 200 && item.statusCode < 300;
    return status === 'success' ? success : !success;
  });
  return ok(items.slice(0, perPage).map(hookDeliveryObject));
}

/** Accepts at once and delivers after, as GitHub does; the new attempt shows in the list when it ends. */
function redeliverAttempt(request: SimRequest) {
  const store = request.sim.hookDeliveries;
  const original = store.byId(Number(request.params.delivery_id));
  if (!original) throw notFound();
  const attempt = { id: request.sim.nextId(), at: request.sim.isoNow() };
  void redeliver(store, original, attempt, signPayload);
  return ok({}, 202);
}

export const appRoutes: RouteTable = {
  'GET /repos/{owner}/{repo}': (request) => ok(repoObject(request.sim.urls, repoOf(request))),
  'GET /repos/{owner}/{repo}/installation': (request) => ok(installationObject(request.sim, repoOf(request))),
  'GET /app': (request) => ok(appObject(request.sim.urls, request.sim.appId)),
  'GET /app/installations': (request) =>
    listResponse(request, [...installations(request.sim).values()], (repos) =>
      installationObject(request.sim, repos[0]!),
    ),
  'POST /app/installations/{installation_id}/access_tokens': createToken,
  'GET /installation/repositories': installationRepositories,
  'GET /rate_limit': rateLimit,
  'GET /app/hook/deliveries': listHookDeliveries,
  'POST /app/hook/deliveries/{delivery_id}/attempts': redeliverAttempt,
};
