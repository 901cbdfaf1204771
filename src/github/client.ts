import type { Octokit } from '@octokit/rest';
import type { ResponseCache } from './conditional-cache.js';
import type { RequestPacer } from './pacer.js';

/** The part of Octokit that spec-sync uses: Probot's `context.octokit` and the CLI's `@octokit/rest` both fit. */
export type GitHubClient = Pick<Octokit, 'rest' | 'paginate' | 'request' | 'hook'>;

/** Retries of one request after GitHub asked us to slow down; beyond this the job fails and says why. */
export const MAX_RATE_LIMIT_RETRIES = 3;
/** GitHub: "If the retry-after response header is not present, wait for at least one minute". */
export const DEFAULT_SECONDARY_WAIT_MS = 60_000;
/** The least wait after a refusal, whatever `retry-after` says. */
export const MIN_RATE_LIMIT_WAIT_MS = 1000;
/** A primary limit resetting later than this fails the job instead of holding it. */
export const MAX_PRIMARY_WAIT_MS = 15 * 60_000;

const paced = new WeakSet<object>();

/** Callbacks for metrics: every answer (status 0 when none came) and every rate-limit wait. */
export interface RequestObserver {
  response?: (method: string, status: number) => void;
  rateLimited?: () => void;
  /** GitHub's `x-ratelimit-remaining` on an answer, when it sent one. */
  rateLimitRemaining?: (remaining: number) => void;
}

interface ResponseLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** How long GitHub asked us to wait, or null when the error is not a rate limit. */
export function rateLimitWait(error: unknown, now: number): number | null {
  const { status, message = '', response } = (error ?? {}) as ResponseLike;
  if (status !== 403 && status !== 429) return null;
  const headers = response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']) * 1000;
    return Number.isFinite(reset) ? Math.max(reset - now, 1000) : DEFAULT_SECONDARY_WAIT_MS;
  }
  if (/secondary rate limit|abuse/i.test(message)) return DEFAULT_SECONDARY_WAIT_MS;
  return null;
}

/**
 * Routes every request of this client through the installation's pacer, and retries one that GitHub
 * refused for a rate limit after the wait it asked for: a refused request did nothing, so retrying is safe.
 * With a cache, reads are conditional (conditional-cache.ts): a 304 is still a paced read, observed as 304.
 */
export function paceClient(
  client: GitHubClient,
  pacer: RequestPacer,
  observe: RequestObserver = {},
  cache?: ResponseCache,
): void {
  if (paced.has(client)) return;
  paced.add(client);
  client.hook.wrap('request', async (request, options) => {
    const mutating = options.method !== 'GET' && options.method !== 'HEAD';
    const sendOnce = async () => {
      try {
        const response = await request(options);
        observe.response?.(options.method, response.status);
        noteRemaining(observe, response.headers);
        return response;
      } catch (error) {
        const failed = error as { status?: number; response?: { headers?: Record<string, unknown> } };
        observe.response?.(options.method, failed.status ?? 0);
        noteRemaining(observe, failed.response?.headers);
        throw error;
      }
    };
    const send = () => (cache ? cache.send(client.request.endpoint, options, sendOnce) : sendOnce());
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await (mutating ? pacer.write(send) : pacer.read(send));
      } catch (error) {
        const wait = rateLimitWait(error, Date.now());
        if (wait === null || attempt >= MAX_RATE_LIMIT_RETRIES || wait > MAX_PRIMARY_WAIT_MS) throw error;
        // GitHub: "If your request continues to fail due to a secondary rate limit, wait for an exponentially
        // increasing amount of time between retries".
        observe.rateLimited?.();
        await pacer.pause(Math.max(wait, MIN_RATE_LIMIT_WAIT_MS) * 2 ** attempt);
      }
    }
  });
}

function noteRemaining(observe: RequestObserver, headers: Record<string, unknown> | undefined): void {
  const remaining = Number(headers?.['x-ratelimit-remaining']);
  if (headers?.['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining))
    observe.rateLimitRemaining?.(remaining);
}
