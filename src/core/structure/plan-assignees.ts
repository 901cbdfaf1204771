import type { Finding, SpecDocument } from '../model.js';
import type { IssueUnit } from './types.js';

export interface AssigneePlan {
  /** Logins to add to each unit's issue, by unit key; logins already there are not repeated. */
  add: Map<string, string[]>;
  /** One warning per task line naming a login that cannot be assigned in the repository. */
  findings: Finding[];
}

/**
 * Who each issue should be assigned to, from `@login` and `Owner:` in the file. Only additions: assignees a
 * person set on GitHub stay. `canAssign` answers whether a login may be assigned in the repository (the
 * caller asks GitHub once per login); a login that may not gives a finding on its task's line and changes
 * nothing else.
 */
export function planAssignees(
  doc: SpecDocument,
  units: readonly IssueUnit[],
  current: ReadonlyMap<string, readonly string[]>,
  canAssign: (login: string) => boolean,
): AssigneePlan {
  const tasks = new Map(doc.tasks.map((task) => [task.id, task]));
  const add = new Map<string, string[]>();
  const findings: Finding[] = [];
  for (const unit of units) {
    const have = new Set((current.get(unit.key) ?? []).map((login) => login.toLowerCase()));
    const wanted: string[] = [];
    for (const task of unit.taskIds.map((id) => tasks.get(id)).filter((task) => task !== undefined)) {
      const refused = task.assignees.filter((login) => !canAssign(login));
      if (refused.length > 0) {
        findings.push({
          code: 'unassignable-login',
          severity: 'warning',
          line: task.line,
          message: `${refused.map((login) => `@${login}`).join(', ')} cannot be assigned issues in this repository, so ${task.id}'s issue is not assigned to them; check the login, or give them access to the repository.`,
        });
      }
      for (const login of task.assignees.filter(canAssign)) {
        if (!have.has(login.toLowerCase())) {
          have.add(login.toLowerCase());
          wanted.push(login);
        }
      }
    }
    if (wanted.length > 0) add.set(unit.key, wanted);
  }
  return { add, findings };
}
