import type { SpecDocument } from '../../core/model.js';
import { planAssignees } from '../../core/structure/plan-assignees.js';
import type { IssueUnit } from '../../core/structure/types.js';
import type { IssueSnapshot, IssueStructure } from '../../github/gateway.js';
import { askAssignable } from '../shared/assignable-logins.js';

/**
 * Assigns each unit's issue (a task's, or a story's, phase's or the spec's with another granularity) to the
 * logins its tasks name (`@login`, `Owner:`), adding only: assignees a person set stay, and a login already
 * assigned costs no request. A login that cannot be assigned is left out here; the check run shows it on its
 * line. Returns the writes made (or, dry, that would be).
 */
export async function applyAssignees(
  gateway: Pick<IssueStructure, 'canAssign' | 'addAssignees'>,
  doc: SpecDocument,
  allUnits: readonly IssueUnit[],
  issues: ReadonlyMap<string, IssueSnapshot>,
  dryRun: boolean,
): Promise<string[]> {
  const units = allUnits.filter((unit) => issues.has(unit.key));
  const current = new Map(units.map((unit) => [unit.key, issues.get(unit.key)!.assignees ?? []]));
  const tasks = new Map(doc.tasks.map((task) => [task.id, task]));
  const missing = units.flatMap((unit) => {
    const have = new Set((current.get(unit.key) ?? []).map((login) => login.toLowerCase()));
    const named = unit.taskIds.flatMap((id) => tasks.get(id)?.assignees ?? []);
    return named.filter((login) => !have.has(login.toLowerCase()));
  });
  if (missing.length === 0) return [];
  const plan = planAssignees(doc, units, current, await askAssignable(gateway, missing));
  const ops: string[] = [];
  for (const [key, logins] of plan.add) {
    const issue = issues.get(key)!;
    ops.push(`assign ${key} to ${logins.map((login) => `@${login}`).join(', ')}`);
    if (!dryRun && issue.number !== 0) await gateway.addAssignees(issue.number, logins);
  }
  return ops;
}
