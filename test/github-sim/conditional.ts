import { createHash } from 'node:crypto';
import type { SimResponse } from './route-types.js';

/**
 * GitHub's conditional requests: every successful read carries an `ETag`, and a read whose `If-None-Match`
 * names the current one is answered `304 Not Modified` with no body (and, when authorized, costs no
 * primary rate-limit point; the server refunds it).
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
 */
export function answerConditionally(method: string, result: SimResponse, ifNoneMatch?: string): SimResponse {
  if (method !== 'GET' || result.status !== 200) return result;
  const etag = entityTag(result);
  if (ifNoneMatch !== undefined && matches(ifNoneMatch, etag)) return { status: 304, headers: { etag } };
  return { ...result, headers: { ...result.headers, etag } };
}

/**
 * A strong tag over what the client receives: the body and the `Link` header, so a page whose items stay
 * the same while the list grows past it (a new `next` link) is not answered 304.
 */
function entityTag(result: SimResponse): string {
  const payload = result.text ?? JSON.stringify(result.body ?? null);
  const hash = createHash('sha1')
    .update(payload)
    .update('\n')
    .update(result.headers?.link ?? '');
  return `"${hash.digest('hex')}"`;
}

/** RFC 9110: `If-None-Match` is a list compared weakly (a `W/` prefix is ignored), or `*`. */
function matches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
