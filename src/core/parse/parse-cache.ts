import { createHash } from 'node:crypto';
import { deepFreeze } from '../deep-freeze.js';
import type { SpecDocument } from '../model.js';
import { type ParseOptions, parseTasks } from './parse-tasks.js';

/** Documents kept; a repository rarely has more specs than this in play at once. */
export const PARSE_CACHE_SIZE = 200;

const cache = new Map<string, SpecDocument>();

function keyOf(text: string, path: string): string {
  return createHash('sha256').update(path).update('\u0000').update(text).digest('hex');
}

/**
 * `parseTasks`, but the same (text, path) is parsed once per process. Every caller gets the same document,
 * frozen (at every depth), so none can change another's: copying a 10,000-task document for each caller
 * would cost more than the parse it saves.
 */
export function parseTasksCached(text: string, options: ParseOptions): SpecDocument {
  const key = keyOf(text, options.path);
  const document = cache.get(key) ?? parseTasks(text, options);
  return remember(key, document);
}

/**
 * The same cache in front of another parser (a worker thread's): a file parsed once, wherever, is not
 * parsed again, and a file that ran out of time there is not retried on the caller's thread either.
 */
export async function parseTasksCachedWith(
  text: string,
  options: ParseOptions,
  parse: (text: string, options: ParseOptions) => Promise<SpecDocument>,
): Promise<SpecDocument> {
  const key = keyOf(text, options.path);
  const document = cache.get(key) ?? (await parse(text, options));
  return remember(key, document);
}

function remember(key: string, document: SpecDocument): SpecDocument {
  cache.delete(key);
  cache.set(key, deepFreeze(document));
  if (cache.size > PARSE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return document;
}

/** Entries held now; for tests and the benchmark. */
export function parseCacheSize(): number {
  return cache.size;
}

export function clearParseCache(): void {
  cache.clear();
}
