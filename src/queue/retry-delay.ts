/**
 * Exponential backoff from `baseMs`, or the wait GitHub asked for (`askedMs`: its `retry-after`, or a
 * primary limit's reset) when that is longer; `timeScale` shrinks GitHub's waits like the pacer's clock
 * (1 in production, faster clocks in tests). The queue is told GitHub's wait by the app
 * (`QueueDeps.askedWaitMs`), which reads it the way the gateway does.
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  askedMs: number | undefined,
  timeScale = 1,
): number {
  const backoff = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.max(backoff, (askedMs ?? 0) * timeScale);
}
