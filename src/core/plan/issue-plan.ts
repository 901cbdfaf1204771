import type { Config } from '../../config/schema.js';
import type { SpecDocument } from '../model.js';
import type { LabelSpec } from './issue-labels.js';
import type { StateReason } from './issue-state.js';

/** An issue as listed from GitHub: the fields the plan reads. */
export interface ActualIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
}

export interface PlanIssueSyncInput {
  /** Repository-relative spec directory (`specs/002-billing`): half of every issue's identity. */
  specDir: string;
  tasksPath: string;
  branch: string;
  /** The repository's web address (`https://github.com/o/r`). */
  htmlBase: string;
  doc: SpecDocument;
  /** Issues carrying the spec's label, in any state. Issues of other specs among them are left alone. */
  actual: ActualIssue[];
  config: Config['issues'];
  templates: { body: string };
  /** Keep `@login` and `@org/team` in task text live (the `allowMentions` setting); off by default. */
  allowMentions?: boolean;
}

/** One `POST /issues`. The applier renders the body again just before sending (see `renderPlannedIssue`). */
export interface CreateOp {
  kind: 'create';
  taskId: string;
  title: string;
  /** The body as a dry run shows it: dependencies created in the same run still link to their lines. */
  body: string;
  labels: string[];
}

/** The fields of one `PATCH /issues/{n}`: only those that change. */
export interface IssueChanges {
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
  stateReason?: StateReason;
  /** The whole new list: the issue's other labels plus spec-sync's, sent only when the set differs. */
  labels?: string[];
}

/** One `PATCH /issues/{n}`; runs after every create. */
export interface UpdateOp {
  kind: 'update';
  /** null: the issue this plan creates for `taskId` (the applier knows its number by then). */
  number: number | null;
  taskId: string;
  changes: IssueChanges;
  /**
   * The body links to issues this plan creates: render it again once they exist (`renderPlannedIssue`) and
   * send it with the other changes when it differs.
   */
  renderAfterCreates: boolean;
  /** Why, for a dry run and the log (`title`, `body`, `state`, `labels`, `removed from tasks.md`). */
  why: string[];
}

/** One `POST /issues/{n}/comments`; runs after the updates. */
export interface CommentOp {
  kind: 'comment';
  number: number;
  taskId: string;
  body: string;
}

export interface IssuePlan {
  creates: CreateOp[];
  updates: UpdateOp[];
  comments: CommentOp[];
  /** Every label the creates and updates use, to be ensured (with colour and description) before them. */
  labels: LabelSpec[];
  /** Issue numbers the plan already knows, by task ID: the applier's starting map for rendering. */
  issueNumbers: Record<string, number>;
  /** Things a person should look at; nothing is written for them. */
  warnings: string[];
}

export function isEmptyPlan(plan: IssuePlan): boolean {
  return plan.creates.length === 0 && plan.updates.length === 0 && plan.comments.length === 0;
}
