import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { deepFreeze } from '../core/deep-freeze.js';

/**
 * Moving a large value between threads costs its receiver (and its sender) one uninterrupted copy: for a
 * 10,000-task spec, tens of milliseconds on the thread that answers webhooks. Here every long array of
 * plain records in the value (a document's tasks, a plan's creates, the issues listed from GitHub) travels
 * as JSON text in slices instead: strings copy between threads at memory speed, and the event loop's side
 * turns each slice into records in its own turn, so no single step holds it for more than about a
 * millisecond. The worker's side packs and unpacks in one go (it answers nothing else meanwhile).
 */

/** Records per slice. */
export const SLICE_LENGTH = 250;
/** Arrays shorter than this travel as they are. */
const PACK_FROM = 2 * SLICE_LENGTH;
/** How deep in the value arrays are looked for (the value's own fields, and theirs). */
const MAX_DEPTH = 3;

const PACKED = '__specSyncSlices';

interface PackedArray {
  [PACKED]: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  // any realm's Object.prototype (a value cloned from another thread may come from a different realm)
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function isPacked(value: unknown): value is PackedArray {
  return isPlainObject(value) && Array.isArray(value[PACKED]);
}

/** Long arrays of records or text: what the spec model, plans and issue lists hold, and JSON carries. */
function packable(value: unknown): value is unknown[] {
  if (!Array.isArray(value) || value.length < PACK_FROM) return false;
  const first: unknown = value[0];
  return typeof first === 'string' || isPlainObject(first);
}

type Steps<T> = Generator<void, T, void>;

/** The value with its long arrays as JSON slices; yields after each slice. */
function* packSteps(value: unknown, depth: number): Steps<unknown> {
  if (packable(value)) {
    const slices: string[] = [];
    for (let start = 0; start < value.length; start += SLICE_LENGTH) {
      slices.push(JSON.stringify(value.slice(start, start + SLICE_LENGTH)));
      yield;
    }
    return { [PACKED]: slices } satisfies PackedArray;
  }
  if (depth >= MAX_DEPTH || !isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = yield* packSteps(field, depth + 1);
  return copy;
}

/**
 * The value with its slices turned back into arrays, in place; yields after each slice. With `freeze`,
 * each record is frozen (at every depth) as its slice is read, and the whole value at the end.
 */
function* unpackSteps(value: unknown, depth: number, freeze: boolean): Steps<unknown> {
  if (isPacked(value)) {
    const records: unknown[] = [];
    for (const slice of value[PACKED]) {
      for (const record of JSON.parse(slice) as unknown[]) records.push(freeze ? deepFreeze(record) : record);
      yield;
    }
    return records;
  }
  if (depth >= MAX_DEPTH || !isPlainObject(value)) return value;
  for (const [key, field] of Object.entries(value)) value[key] = yield* unpackSteps(field, depth + 1, freeze);
  return depth === 0 && freeze ? deepFreeze(value) : value;
}

function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

async function runYielding<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await yieldToLoop();
  }
}

/** Packs on the event loop's thread, letting other work run between slices. */
export function packYielding<T>(value: T): Promise<T> {
  return runYielding(packSteps(value, 0)) as Promise<T>;
}

/**
 * Unpacks on the event loop's thread, letting other work run between slices; `freeze` hands the value back
 * frozen throughout, its long arrays frozen slice by slice.
 */
export function unpackYielding<T>(value: T, options: { freeze?: boolean } = {}): Promise<T> {
  return runYielding(unpackSteps(value, 0, options.freeze ?? false)) as Promise<T>;
}

/** Packs at once: the worker thread's side. */
export function packNow<T>(value: T): T {
  return runNow(packSteps(value, 0)) as T;
}

/** Unpacks at once: the worker thread's side. */
export function unpackNow<T>(value: T): T {
  return runNow(unpackSteps(value, 0, false)) as T;
}
