import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The niceness of worker threads: below the event loop's thread, which answers webhooks. */
export const WORKER_THREAD_NICENESS = 10;

/**
 * Gives the calling thread background priority, so that while a worker thread parses or plans a large
 * spec the thread answering webhooks gets the CPU first (on a machine with fewer cores than busy threads).
 * Linux keeps a niceness per thread and names the calling thread in `/proc/thread-self`; elsewhere, or
 * when the system refuses, the thread keeps its priority. Returns the thread's niceness, or null.
 */
export function lowerThreadPriority(niceness = WORKER_THREAD_NICENESS): number | null {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return null;
    setPriority(threadId, Math.max(getPriority(threadId), niceness));
    return getPriority(threadId);
  } catch {
    return null;
  }
}
