import type { EndpointDefaults, EndpointInterface, OctokitResponse } from '@octokit/types';
import { LRUCache } from 'lru-cache';

/**
 * Conditional requests: each read is sent with the `ETag` of its last answer, and GitHub answers
 * `304 Not Modified` when nothing changed, which "does not count against your primary rate limit".
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
 * GitHub always decides: a changed resource gets a 200 with its new data, so the cache cannot serve stale data.
 */

/** Answers kept per process, across installations, least recently used dropped first. */
export const MAX_CACHED_RESPONSES = 5000;
/** Characters of response bodies (as JSON text) kept per process. */
export const MAX_CACHED_CHARS = 32_000_000;
/** A larger answer is not kept: it would push out many others. */
export const MAX_CACHED_RESPONSE_CHARS = 2_000_000;

type Headers = OctokitResponse<unknown>['headers'];
interface CachedAnswer {
  etag: string;
  url: string;
  headers: Headers;
  /** The body as JSON text: each hit hands out a fresh copy, so no caller can change what is kept. */
  body: string;
}

export interface CacheBounds {
  maxEntries?: number;
  /** Characters of JSON text. */
  maxChars?: number;
}

/** The request options a client's request hook receives. */
type Options = Required<EndpointDefaults>;
/** Sends the request whose options the cache was given; the cache decides only what it carries and what a 304 turns into. */
export type SendRequest = () => Promise<OctokitResponse<unknown>>;

/** What the client's request hook needs: one installation's kept answers. */
export interface ResponseCache {
  /** `endpoint` is the client's own (`client.request.endpoint`): it resolves the URL and `Accept` header. */
  send(
    endpoint: EndpointInterface,
    options: Options,
    attempt: SendRequest,
  ): Promise<OctokitResponse<unknown>>;
}

/** Hands out an installation's view of the cache. */
export interface ResponseCacheSource {
  for(key: string): ResponseCache;
}

/**
 * The process's conditional-request cache: one LRU bounded in entries and characters, shared by all installations,
 * each answer keyed by its installation, `Accept` header and full URL (with the query, so each page of a
 * list is its own entry). It outlives jobs, so the next push's reads of unchanged resources are 304s.
 */
export class ConditionalCache implements ResponseCacheSource {
  readonly #answers: LRUCache<string, CachedAnswer>;

  constructor(bounds: CacheBounds = {}) {
    const maxSize = bounds.maxChars ?? MAX_CACHED_CHARS;
    this.#answers = new LRUCache<string, CachedAnswer>({
      max: bounds.maxEntries ?? MAX_CACHED_RESPONSES,
      maxSize,
      maxEntrySize: Math.min(maxSize, MAX_CACHED_RESPONSE_CHARS),
      sizeCalculation: (answer) => Math.max(1, answer.body.length),
    });
  }

  /** How many answers are kept now, and their characters of JSON text. */
  get size(): { entries: number; chars: number } {
    return { entries: this.#answers.size, chars: this.#answers.calculatedSize };
  }

  for(key: string): ResponseCache {
    return { send: (endpoint, options, attempt) => this.#send(key, endpoint, options, attempt) };
  }

  async #send(
    installation: string,
    endpoint: EndpointInterface,
    options: Options,
    attempt: SendRequest,
  ): Promise<OctokitResponse<unknown>> {
    const key = cacheKey(installation, endpoint, options);
    if (key === undefined) return attempt();
    const kept = this.#answers.get(key);
    // A request hook's inner hooks are bound to this very options object: the header is set on it, for this
    // attempt only (a retry looks the answer up again).
    const headers = options.headers as Record<string, string>;
    if (kept) headers['if-none-match'] = kept.etag;
    try {
      const response = await attempt();
      this.#keep(key, response);
      return response;
    } catch (error) {
      // Octokit throws a RequestError for a 304; the answer we sent the ETag of is still true.
      if (!kept || (error as { status?: number }).status !== 304) throw error;
      const fresh = (error as { response?: { headers?: Headers } }).response?.headers ?? {};
      return {
        status: 200,
        url: kept.url,
        headers: { ...kept.headers, ...fresh },
        data: JSON.parse(kept.body),
      };
    } finally {
      if (kept) delete headers['if-none-match'];
    }
  }

  #keep(key: string, response: OctokitResponse<unknown>): void {
    const etag = response.headers.etag;
    if (response.status !== 200 || typeof etag !== 'string' || !isJson(response.data)) {
      this.#answers.delete(key);
      return;
    }
    const body = JSON.stringify(response.data);
    this.#answers.set(key, { etag, url: response.url, headers: response.headers, body });
  }
}

/** Only plain reads are revalidated: not writes, nor a request that already carries its own condition. */
function cacheKey(installation: string, endpoint: EndpointInterface, options: Options): string | undefined {
  if (options.method !== 'GET') return undefined;
  const { url, headers } = endpoint.parse(options);
  if ('if-none-match' in headers || 'if-modified-since' in headers) return undefined;
  return `${installation}\n${headers.accept ?? ''}\n${url}`;
}

/** Parsed JSON or raw text; a stream or a binary body is not kept. */
function isJson(data: unknown): boolean {
  if (typeof data === 'string') return true;
  if (data === null || typeof data !== 'object') return false;
  const prototype = Object.getPrototypeOf(data);
  return Array.isArray(data) || prototype === Object.prototype || prototype === null;
}
