import type { TaskReference } from './task-reference.js';

/**
 * One sentence per ambiguous reference, saying where the task is and how to name it
 * ("T012 is in both specs/001-auth and specs/002-billing; write `002-billing/T012` to say which.").
 */
export function describeAmbiguity(
  ambiguous: readonly { ref: TaskReference; candidates: string[] }[],
): string {
  return ambiguous
    .filter(({ candidates }) => candidates.length > 0)
    .map(({ ref, candidates }) => describeOne(ref, candidates))
    .join('\n');
}

function describeOne(ref: TaskReference, candidates: string[]): string {
  const label = ref.id ?? ref.raw;
  const where = candidates.length === 2 ? `both ${joinWords(candidates)}` : joinWords(candidates);
  return `${label} is in ${where}; write \`${suggestion(label, candidates)}\` to say which.`;
}

/** Names the last candidate by its short name when that is unique, else by its whole directory. */
function suggestion(id: string, candidates: string[]): string {
  const names = candidates.map(lastPart);
  const last = candidates[candidates.length - 1]!;
  const name = lastPart(last);
  const qualifier = names.filter((other) => other === name).length === 1 ? name : last;
  // A plain number after `/` is not read as a task ID (paths such as `api/v1/2`), so it takes `#`.
  const separator = /^\d+$/.test(id) ? '#' : '/';
  return `${qualifier}${separator}${id}`;
}

function lastPart(dir: string): string {
  const parts = dir.split('/').filter((part) => part.length > 0);
  return parts[parts.length - 1] ?? dir;
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
