import type { Finding, SpecDocument } from '../../core/model.js';
import { groupUnits } from '../../core/structure/group-units.js';
import { planAssignees } from '../../core/structure/plan-assignees.js';
import type { IssueStructure } from '../../github/gateway.js';

/**
 * Asks GitHub, once per login, whether each may be assigned issues in the repository, and answers as the
 * planners want: synchronously. A login not asked (it needs no answer) counts as assignable.
 */
export async function askAssignable(
  gateway: Pick<IssueStructure, 'canAssign'>,
  logins: Iterable<string>,
): Promise<(login: string) => boolean> {
  const answers = new Map<string, boolean>();
  for (const login of new Set([...logins].map((name) => name.toLowerCase())))
    answers.set(login, await gateway.canAssign(login));
  return (login) => answers.get(login.toLowerCase()) ?? true;
}

/** An `unassignable-login` warning on each task line naming a login that cannot be assigned (the check run's). */
export async function unassignableFindings(
  gateway: Pick<IssueStructure, 'canAssign'>,
  doc: SpecDocument,
): Promise<Finding[]> {
  const logins = doc.tasks.flatMap((task) => task.assignees);
  if (logins.length === 0) return [];
  const canAssign = await askAssignable(gateway, logins);
  return planAssignees(doc, groupUnits(doc, 'task'), new Map(), canAssign).findings;
}
