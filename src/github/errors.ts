/** A GitHub API failure, saying what spec-sync was doing; GitHub's own error stays as the cause. */
export class GitHubRequestError extends Error {
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(what: string, cause: unknown) {
    const status = statusOf(cause);
    const requestId = requestIdOf(cause);
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`GitHub refused to ${what}${status ? ` (${status})` : ''}: ${detail}`, { cause });
    this.name = 'GitHubRequestError';
    this.status = status;
    this.requestId = requestId;
  }
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export function isStatus(error: unknown, status: number): boolean {
  return statusOf(error) === status;
}

function requestIdOf(error: unknown): string | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers;
  const id = headers?.['x-github-request-id'];
  return typeof id === 'string' ? id : undefined;
}

/** Node's codes for a connection that failed or broke off: the request may well succeed later. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** Work that met a passing state (a file that kept changing under us): trying again later is the fix. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
}

/**
 * Whether retrying later can help: 5xx, 429, a 403 that is a rate limit (`rateLimit` decides, from the
 * headers), and network failures. Any other answer from GitHub, and any other error, will not fix itself.
 */
export function isTransientError(error: unknown, rateLimit: (error: unknown) => boolean): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof RetryLaterError) return true;
    const status = statusOf(cause);
    if (status === 403) return rateLimit(cause);
    if (status !== undefined) return status >= 500 || status === 429;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  }
  return false;
}
