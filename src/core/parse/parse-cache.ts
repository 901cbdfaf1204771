import { createHash } from 'node:crypto';
import type { SpecDocument } from '../model.js';
import { type ParseOptions, parseTasks } from './parse-tasks.js';

/** Documents kept; a repository rarely has more specs than this in play at once. */
export const PARSE_CACHE_SIZE = 200;

const cache = new Map<string, SpecDocument>();

function keyOf(text: string, path: string): string {
  return createHash('sha256').update(path).update('\u0000').update(text).digest('hex');
}

/**
 * `parseTasks`, but the same (text, path) is parsed once per process. Callers get a deep copy, so one
 * caller changing its document cannot change another's.
 */
export function parseTasksCached(text: string, options: ParseOptions): SpecDocument {
  const key = keyOf(text, options.path);
  let document = cache.get(key);
  if (document) cache.delete(key);
  else document = parseTasks(text, options);
  cache.set(key, document);
  if (cache.size > PARSE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return structuredClone(document);
}

/** Entries held now; for tests and the benchmark. */
export function parseCacheSize(): number {
  return cache.size;
}

export function clearParseCache(): void {
  cache.clear();
}
