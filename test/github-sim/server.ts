import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { answerConditionally } from './conditional.js';
import {
  API_PREFIX,
  authenticate,
  CONTENT_CREATING,
  type Exchange,
  errorBody,
  parseJson,
  rateHeaders,
  readBody,
  type ServerContext,
  send,
  tokenInstallation,
} from './http-utils.js';
import type { RouteMatch } from './openapi.js';
import { type RateSnapshot, SimError, type SimResponse } from './route-types.js';

function startExchange(context: ServerContext, request: IncomingMessage): Exchange {
  const url = new URL(request.url ?? '/', context.sim.urls.html);
  const method = (request.method ?? 'GET').toUpperCase();
  const path = url.pathname.startsWith(`${API_PREFIX}/`)
    ? url.pathname.slice(API_PREFIX.length)
    : url.pathname;
  return {
    method,
    path,
    url,
    route: context.api.match(method, path),
    contentCreating: CONTENT_CREATING.has(method),
    conditional: request.headers['if-none-match'] !== undefined,
    started: performance.now(),
    token: request.headers.authorization?.split(/\s+/)[1] ?? null,
  };
}

function record(context: ServerContext, exchange: Exchange, status: number): void {
  const end = performance.now();
  context.log.push({
    method: exchange.method,
    route: exchange.route?.template ?? null,
    path: exchange.path,
    status,
    ms: end - exchange.started,
    at: context.sim.now() - (end - exchange.started),
    start: exchange.started,
    end,
    token: exchange.token,
    contentCreating: exchange.contentCreating,
    conditional: exchange.conditional,
  });
}

function violate(context: ServerContext, exchange: Exchange, reason: string): void {
  context.violations.push({ method: exchange.method, path: exchange.path, reason });
}

/** Entry point for every HTTP request the simulator receives. */
export async function handleRequest(
  context: ServerContext,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const exchange = startExchange(context, request);
  context.inFlight += 1;
  try {
    await serve(context, exchange, request, response);
  } catch (error) {
    violate(context, exchange, `simulator error: ${(error as Error).message}`);
    if (!response.headersSent) send(response, { status: 500, body: errorBody(500, 'Server Error') }, {});
    record(context, exchange, 500);
  } finally {
    context.inFlight -= 1;
  }
}

async function serve(
  context: ServerContext,
  exchange: Exchange,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const { route } = exchange;
  const text = await readBody(request);
  if (!route?.methodAllowed) {
    violate(context, exchange, route ? `method not allowed on ${route.template}` : 'unknown route');
    return finish(context, exchange, response, { status: 404, body: errorBody(404, 'Not Found') }, {});
  }
  const rate = context.faults.primary(context.sim.now());
  const headers = rateHeaders(rate);
  const early = precheck(context, exchange, rate);
  if (early) return finish(context, exchange, response, early.result, { ...headers, ...early.headers });
  const rule = context.faults.pick(exchange.method, route.template);
  if (rule?.kind === 'slow') await delay(rule.delayMs ?? 1000);
  if (rule?.kind === 'drop') return drop(context, exchange, request);
  if (rule?.kind === 'server-error') {
    const status = rule.status ?? 502;
    return finish(context, exchange, response, { status, body: errorBody(status, 'Server Error') }, headers);
  }
  const ifNoneMatch = request.headers['if-none-match'];
  const result = answerConditionally(
    exchange.method,
    run(context, exchange, route, request, text, rate),
    ifNoneMatch,
  );
  if (rule?.kind === 'lost-response') return drop(context, exchange, request);
  // GitHub: a 304 to a correctly authorized conditional request "does not count against your primary rate limit"
  const spent = result.status === 304 ? rateHeaders(context.faults.refund()) : headers;
  finish(context, exchange, response, result, spent);
}

function precheck(
  context: ServerContext,
  exchange: Exchange,
  rate: RateSnapshot & { exceeded: boolean },
): { result: SimResponse; headers: Record<string, string> } | undefined {
  if (rate.exceeded) {
    const message = `API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID.`;
    return { result: { status: 403, body: errorBody(403, message) }, headers: {} };
  }
  const hit = context.faults.secondary(context.sim.now(), exchange.contentCreating, context.inFlight);
  if (!hit) return undefined;
  const message =
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.';
  return {
    result: { status: hit.status, body: errorBody(hit.status, message) },
    headers: { 'retry-after': String(hit.retryAfter) },
  };
}

/** Closes the connection without an answer; for `lost-response` the state change has already happened. */
function drop(context: ServerContext, exchange: Exchange, request: IncomingMessage): void {
  request.socket.destroy();
  record(context, exchange, 0);
}

function run(
  context: ServerContext,
  exchange: Exchange,
  route: RouteMatch,
  request: IncomingMessage,
  text: string,
  rate: RateSnapshot,
): SimResponse {
  try {
    const actor = authenticate(request.headers.authorization, route.template);
    if (actor instanceof SimError) throw actor;
    const body = parseJson(text);
    if (body instanceof SimError) throw body;
    const problem = context.api.validateRequest(exchange.method, route, exchange.url.searchParams, body);
    if (problem) {
      violate(context, exchange, `request invalid: ${problem.message.replace('Invalid request.\n\n', '')}`);
      return { status: 422, body: errorBody(422, problem.message, problem.errors) };
    }
    const handler = context.routes[`${exchange.method} ${route.template}`];
    if (!handler) {
      violate(context, exchange, `not simulated: ${exchange.method} ${route.template}`);
      return { status: 404, body: errorBody(404, 'Not Found') };
    }
    const query = exchange.url.searchParams;
    const params = route.params;
    return handler({
      sim: context.sim,
      method: exchange.method,
      params,
      query,
      body: body ?? {},
      url: exchange.url,
      actor,
      installationId: tokenInstallation(request.headers.authorization),
      rate,
      accept: request.headers.accept,
    });
  } catch (error) {
    if (!(error instanceof SimError)) throw error;
    return { status: error.status, body: errorBody(error.status, error.message, error.errors) };
  }
}

function finish(
  context: ServerContext,
  exchange: Exchange,
  response: ServerResponse,
  result: SimResponse,
  headers: Record<string, string>,
): void {
  if (context.validateResponses && exchange.route && result.status < 300 && result.body !== undefined) {
    const problem = context.api.validateResponse(
      exchange.method,
      exchange.route.template,
      result.status,
      result.body,
    );
    if (problem) violate(context, exchange, `response invalid (${result.status}): ${problem}`);
  }
  send(response, result, headers);
  record(context, exchange, result.status);
}
