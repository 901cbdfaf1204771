import { statusOf } from '../../github/errors.js';

/** How far back a re-check looks, to cover clock skew between this process and GitHub. */
export const RECHECK_MARGIN_MS = 5 * 60_000;

/**
 * Creates something GitHub may have made even when its answer is lost (a dropped connection, a 5xx): on
 * such a failure, look for it among what changed since just before the request (`findSince`), and use
 * that instead of failing, so neither a retry nor the next sync makes a second. A refusal (4xx) is
 * rethrown as is, and so is the failure when nothing was made.
 */
export async function createOnce<T>(
  create: () => Promise<T>,
  findSince: (since: Date) => Promise<T | undefined>,
): Promise<{ value: T; recovered: boolean }> {
  const startedAt = Date.now();
  try {
    return { value: await create(), recovered: false };
  } catch (error) {
    const status = statusOf(error);
    if (status !== undefined && status < 500) throw error;
    const found = await findSince(new Date(startedAt - RECHECK_MARGIN_MS));
    if (found === undefined) throw error;
    return { value: found, recovered: true };
  }
}
