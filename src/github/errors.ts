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
