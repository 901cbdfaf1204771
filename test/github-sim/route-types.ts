import type { JsonObject } from './objects-base.js';
import type { RepoState, SimState, SimUser } from './state.js';

export interface SimRequest {
  sim: SimState;
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: JsonObject;
  /** The full URL as the client sent it, used to build `Link` headers. */
  url: URL;
  actor: SimUser;
  /** The installation whose token authenticated the request; none for a JWT or a personal token. */
  installationId?: number;
  /** The primary rate-limit window as the response headers report it. */
  rate: RateSnapshot;
  /** The `Accept` header: `application/vnd.github.raw` asks the contents API for the file itself. */
  accept?: string;
}
export interface RateSnapshot {
  limit: number;
  remaining: number;
  reset: number;
  used: number;
}
export interface SimResponse {
  status: number;
  body?: unknown;
  /** A body sent as is (raw media type), instead of `body` as JSON. */
  text?: string;
  headers?: Record<string, string>;
}
export type Handler = (request: SimRequest) => SimResponse;
export type RouteTable = Record<string, Handler>;

export interface ErrorDetail {
  resource: string;
  field?: string;
  code: string;
  message?: string;
}

/** An answer GitHub gives with an error status; the server turns it into JSON. */
export class SimError extends Error {
  readonly status: number;
  readonly errors: ErrorDetail[] | undefined;
  constructor(status: number, message: string, errors?: ErrorDetail[]) {
    super(message);
    this.status = status;
    this.errors = errors;
  }
}

export function notFound(): SimError {
  return new SimError(404, 'Not Found');
}

export function repoOf(request: SimRequest): RepoState {
  const repo = request.sim.repo(`${request.params.owner}/${request.params.repo}`);
  if (!repo) throw notFound();
  return repo;
}

export function intParam(request: SimRequest, name: string): number {
  return Number.parseInt(request.params[name] ?? '', 10);
}

export function ok(body: unknown, status = 200): SimResponse {
  return { status, body };
}

export function stringField(body: JsonObject, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/** GitHub's `per_page` caps at 100 and defaults to 30. */
export const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 30;

/** Slices a list for `page`/`per_page` and builds GitHub's `Link` header. */
export function paginate<T>(request: SimRequest, items: T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(
    MAX_PER_PAGE,
    Math.max(1, Number(request.query.get('per_page') ?? DEFAULT_PER_PAGE) || 1),
  );
  const page = Math.max(1, Number(request.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const headers: Record<string, string> = {};
  const href = (n: number) => {
    const url = new URL(request.url);
    url.searchParams.set('page', String(n));
    return `<${url.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${href(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) links.push(`${href(page + 1)}; rel="next"`, `${href(last)}; rel="last"`);
  if (page > 1) links.push(`${href(1)}; rel="first"`);
  if (links.length > 0) headers.link = links.join(', ');
  return { page: items.slice((page - 1) * perPage, page * perPage), headers };
}

export function listResponse<T>(request: SimRequest, items: T[], render: (item: T) => unknown): SimResponse {
  const { page, headers } = paginate(request, items);
  return { status: 200, body: page.map(render), headers };
}
