import { isStatus } from './errors.js';
import { GatewayBase, MAX_PER_PAGE } from './gateway-base.js';
import { type IssueSnapshot, toSnapshot } from './issues-gateway.js';

/** Where a sub-issue goes among its siblings: right after one, or first (before the one that is first now). */
export type SubIssuePlace = { afterId: number } | { beforeId: number };

/**
 * The relations between issues (sub-issues, blocked-by), assignees and milestones. Issues are named by
 * number in the path, but a sub-issue or a blocking issue is named by its `id` in the body (GitHub's REST
 * API asks for the id there, not the number).
 */
export class IssueStructureGateway extends GatewayBase {
  readonly #assignable = new Map<string, Promise<boolean>>();

  /** An issue's sub-issues in the order GitHub shows them. */
  async listSubIssues(issueNumber: number): Promise<IssueSnapshot[]> {
    const subs = await this.call(`list sub-issues of #${issueNumber}`, () =>
      this.client.paginate(this.client.rest.issues.listSubIssues, {
        ...this.ref,
        issue_number: issueNumber,
        per_page: MAX_PER_PAGE,
      }),
    );
    return subs.map(toSnapshot);
  }

  /** Adds a sub-issue at the end; `replaceParent` moves it from the parent it has. */
  async addSubIssue(issueNumber: number, subIssueId: number, replaceParent = false): Promise<void> {
    await this.call(`add a sub-issue to #${issueNumber}`, () =>
      this.client.rest.issues.addSubIssue({
        ...this.ref,
        issue_number: issueNumber,
        sub_issue_id: subIssueId,
        ...(replaceParent ? { replace_parent: true } : {}),
      }),
    );
  }

  async removeSubIssue(issueNumber: number, subIssueId: number): Promise<void> {
    await this.call(`remove a sub-issue from #${issueNumber}`, () =>
      this.client.rest.issues.removeSubIssue({
        ...this.ref,
        issue_number: issueNumber,
        sub_issue_id: subIssueId,
      }),
    );
  }

  /** Moves a sub-issue among its siblings (GitHub's priority endpoint). */
  async moveSubIssue(issueNumber: number, subIssueId: number, place: SubIssuePlace): Promise<void> {
    const anchor = 'afterId' in place ? { after_id: place.afterId } : { before_id: place.beforeId };
    await this.call(`order the sub-issues of #${issueNumber}`, () =>
      this.client.rest.issues.reprioritizeSubIssue({
        ...this.ref,
        issue_number: issueNumber,
        sub_issue_id: subIssueId,
        ...anchor,
      }),
    );
  }

  /** The issues this one is blocked by. */
  async listBlockedBy(issueNumber: number): Promise<IssueSnapshot[]> {
    const blockers = await this.call(`list what blocks #${issueNumber}`, () =>
      this.client.paginate(this.client.rest.issues.listDependenciesBlockedBy, {
        ...this.ref,
        issue_number: issueNumber,
        per_page: MAX_PER_PAGE,
      }),
    );
    return blockers.map(toSnapshot);
  }

  async addBlockedBy(issueNumber: number, blockerId: number): Promise<void> {
    await this.call(`mark #${issueNumber} blocked`, () =>
      this.client.rest.issues.addBlockedByDependency({
        ...this.ref,
        issue_number: issueNumber,
        issue_id: blockerId,
      }),
    );
  }

  async removeBlockedBy(issueNumber: number, blockerId: number): Promise<void> {
    await this.call(`unmark #${issueNumber} blocked`, () =>
      this.client.rest.issues.removeDependencyBlockedBy({
        ...this.ref,
        issue_number: issueNumber,
        issue_id: blockerId,
      }),
    );
  }

  /** Whether a login may be assigned issues in the repository (204 or 404); asked once per login. */
  canAssign(login: string): Promise<boolean> {
    const key = login.toLowerCase();
    let answer = this.#assignable.get(key);
    if (!answer) {
      answer = this.call(`check whether ${login} can be assigned`, async () => {
        try {
          await this.client.rest.issues.checkUserCanBeAssigned({ ...this.ref, assignee: login });
          return true;
        } catch (error) {
          if (isStatus(error, 404)) return false;
          throw error;
        }
      });
      this.#assignable.set(key, answer);
    }
    return answer;
  }

  /** Adds assignees; those already assigned, and any a person set, stay. */
  async addAssignees(issueNumber: number, logins: string[]): Promise<void> {
    await this.call(`assign #${issueNumber}`, () =>
      this.client.rest.issues.addAssignees({ ...this.ref, issue_number: issueNumber, assignees: logins }),
    );
  }

  /** The repository's milestones, open and closed, as title → number. */
  async listMilestones(): Promise<Map<string, number>> {
    const milestones = await this.call('list milestones', () =>
      this.client.paginate(this.client.rest.issues.listMilestones, {
        ...this.ref,
        state: 'all',
        per_page: MAX_PER_PAGE,
      }),
    );
    return new Map(milestones.map((milestone) => [milestone.title, milestone.number]));
  }

  /** Creates a milestone; returns its number. */
  async createMilestone(title: string, description: string): Promise<number> {
    const { data } = await this.call(`create milestone ${title}`, () =>
      this.client.rest.issues.createMilestone({ ...this.ref, title, description }),
    );
    return data.number;
  }

  /** Puts an issue in a milestone (by number). */
  async setMilestone(issueNumber: number, milestone: number): Promise<void> {
    await this.call(`set the milestone of #${issueNumber}`, () =>
      this.client.rest.issues.update({ ...this.ref, issue_number: issueNumber, milestone }),
    );
  }
}
