import type { SpecDocument } from '../../core/model.js';
import { groupUnits } from '../../core/structure/group-units.js';
import { planAssignees } from '../../core/structure/plan-assignees.js';
import type { IssueSnapshot, IssueStructure } from '../../github/gateway.js';
import { askAssignable } from '../shared/assignable-logins.js';

/**
 * Assigns each task's issue to the logins the file names (`@login`, `Owner:`), adding only: assignees a
 * person set stay, and a login already assigned costs no request. A login that cannot be assigned is left
 * out here; the check run shows it on its line. Returns the writes made (or, dry, that would be).
 */
export async function applyAssignees(
  gateway: Pick<IssueStructure, 'canAssign' | 'addAssignees'>,
  doc: SpecDocument,
  issues: ReadonlyMap<string, IssueSnapshot>,
  dryRun: boolean,
): Promise<string[]> {
  const units = groupUnits(doc, 'task').filter((unit) => issues.has(unit.key));
  const current = new Map(units.map((unit) => [unit.key, issues.get(unit.key)!.assignees ?? []]));
  const missing = doc.tasks.flatMap((task) => {
    const have = new Set((current.get(task.id) ?? []).map((login) => login.toLowerCase()));
    return issues.has(task.id) ? task.assignees.filter((login) => !have.has(login.toLowerCase())) : [];
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
