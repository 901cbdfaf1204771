import { readIssueMarker } from '../render/issue/issue-marker.js';
import type { ActualIssue } from './issue-plan.js';

export interface OwnIssues {
  /** The canonical issue of each task ID: the lowest number among those carrying its marker. */
  byTask: Map<string, ActualIssue>;
  warnings: string[];
}

/** `./specs/002-billing/` → `specs/002-billing`: the form markers hold. */
export function normaliseSpecDir(specDir: string): string {
  return specDir.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
}

/**
 * The issues that are this spec's, by task ID. An issue without a marker, with a spec marker, or with the
 * marker of another spec is someone else's and is never touched, whatever its labels say.
 */
export function findOwnIssues(actual: readonly ActualIssue[], specDir: string): OwnIssues {
  const spec = normaliseSpecDir(specDir);
  const groups = new Map<string, ActualIssue[]>();
  for (const issue of actual) {
    const marker = readIssueMarker(issue.body);
    if (marker?.kind !== 'task' || normaliseSpecDir(marker.spec) !== spec) continue;
    groups.set(marker.id, [...(groups.get(marker.id) ?? []), issue]);
  }
  const byTask = new Map<string, ActualIssue>();
  const warnings: string[] = [];
  for (const [id, issues] of groups) {
    const sorted = [...issues].sort((a, b) => a.number - b.number);
    byTask.set(id, sorted[0]!);
    if (sorted.length > 1) warnings.push(duplicateWarning(id, spec, sorted));
  }
  return { byTask, warnings };
}

/** `sorted` is by number, the canonical issue first. */
function duplicateWarning(id: string, specDir: string, sorted: ActualIssue[]): string {
  const numbers = sorted.map((issue) => `#${issue.number}`);
  const list = `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
  return (
    `${list} carry the same spec-sync marker (${id} of ${specDir}): ` +
    `${numbers[0]} is kept in step and the others are left alone; close them as duplicates.`
  );
}
