/** The wait GitHub asked for (`retry-after`, in seconds) on an error or one of its causes, in milliseconds. */
export function retryAfterMs(error: unknown): number | undefined {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    const headers = (cause as { response?: { headers?: Record<string, unknown> } }).response?.headers;
    const seconds = Number(headers?.['retry-after']);
    if (headers?.['retry-after'] !== undefined && Number.isFinite(seconds))
      return Math.max(0, seconds) * 1000;
  }
  return undefined;
}

/**
 * Exponential backoff from `baseMs`, or GitHub's `retry-after` when it is longer; `timeScale` shrinks
 * GitHub's seconds like the pacer's (1 in production, faster clocks in tests).
 */
export function retryDelayMs(attempt: number, baseMs: number, error: unknown, timeScale = 1): number {
  const backoff = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.max(backoff, (retryAfterMs(error) ?? 0) * timeScale);
}
