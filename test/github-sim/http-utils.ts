import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultEngine } from './faults.js';
import type { JsonObject } from './objects-base.js';
import type { OpenApi, RouteMatch } from './openapi.js';
import { type RateSnapshot, type RouteTable, SimError, type SimResponse } from './route-types.js';
import { BOT, HUMAN, type SimState, type SimUser } from './state.js';

export interface LogEntry {
  method: string;
  /** OpenAPI path template, or null when nothing matched. */
  route: string | null;
  path: string;
  /** 0 when the connection was dropped before an answer. */
  status: number;
  ms: number;
  /** When the request arrived (the simulator's clock, ms since the epoch). */
  at: number;
  /**
   * When the request arrived and when its answer was sent (or its connection dropped), on the simulator
   * process's monotonic clock (`performance.now()`): exact for ordering requests against each other.
   */
  start: number;
  end: number;
  /** The token of the request's `Authorization` header (an installation token names one process's client). */
  token: string | null;
  contentCreating: boolean;
  /** The request carried `If-None-Match` (a conditional read). */
  conditional: boolean;
}
export interface Violation {
  method: string;
  path: string;
  reason: string;
}
export interface ServerContext {
  sim: SimState;
  api: OpenApi;
  faults: FaultEngine;
  routes: RouteTable;
  log: LogEntry[];
  violations: Violation[];
  validateResponses: boolean;
  inFlight: number;
}

const DOCS = 'https://docs.github.com/rest';
export const API_PREFIX = '/api/v3';
export const CONTENT_CREATING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

export interface Exchange {
  method: string;
  path: string;
  url: URL;
  route: RouteMatch | undefined;
  contentCreating: boolean;
  conditional: boolean;
  started: number;
  token: string | null;
}

export function errorBody(status: number, message: string, errors?: unknown[]): JsonObject {
  const body: JsonObject = { message, documentation_url: DOCS, status: String(status) };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function rateHeaders(rate: RateSnapshot): Record<string, string> {
  return {
    'x-ratelimit-limit': String(rate.limit),
    'x-ratelimit-remaining': String(rate.remaining),
    'x-ratelimit-reset': String(rate.reset),
    'x-ratelimit-used': String(rate.used),
    'x-ratelimit-resource': 'core',
  };
}

export function send(response: ServerResponse, result: SimResponse, headers: Record<string, string>): void {
  const requestId = randomUUID().toUpperCase().slice(0, 23);
  const payload = result.text ?? (result.body === undefined ? '' : JSON.stringify(result.body));
  response.writeHead(result.status, {
    // a 304 has no body, so no content type
    ...(result.status === 304 ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    'x-github-request-id': requestId,
    'x-github-media-type': 'github.v3; format=json',
    ...headers,
    ...result.headers,
  });
  response.end(payload);
}

/** Authorization: app routes need an app JWT; everything else an installation or personal token. */
export function authenticate(header: string | undefined, template: string): SimUser | SimError {
  const [scheme = '', token = ''] = (header ?? '').split(/\s+/);
  if (!header || !token) return new SimError(401, 'Requires authentication');
  const isApp = template === '/app' || template.startsWith('/app/');
  if (isApp && (scheme.toLowerCase() !== 'bearer' || !JWT.test(token))) {
    return new SimError(401, 'A JSON web token could not be decoded');
  }
  // personal access tokens act as the human; installation tokens and JWTs as the app
  return token.startsWith('ghp_') ? HUMAN : BOT;
}

/** The installation an installation token was made for (`ghs_sim<id>x<n>`, see the token route); none for a JWT or a PAT. */
export function tokenInstallation(header: string | undefined): number | undefined {
  const match = /^(?:token|bearer)\s+ghs_sim(\d+)x/i.exec(header ?? '');
  return match ? Number(match[1]) : undefined;
}

export function parseJson(text: string): JsonObject | undefined | SimError {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as JsonObject;
  } catch {
    return new SimError(400, 'Problems parsing JSON');
  }
}
