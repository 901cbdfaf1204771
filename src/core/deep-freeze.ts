/**
 * Freezes a value and everything in it. Parts already frozen are taken as frozen throughout, so a document
 * whose tasks were frozen as they arrived (src/workers) costs little more than a walk of its top.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const field of Object.values(value)) deepFreeze(field);
  return value;
}
