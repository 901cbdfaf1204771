/** The shape a spec takes on GitHub: options and the values the planning functions return. */

/** One issue per task (default), per user story, per phase, or one for the whole spec. */
export type Granularity = 'task' | 'story' | 'phase' | 'spec';

export interface StructureOptions {
  granularity: Granularity;
  /** Task issues become sub-issues of the spec's parent issue (and Kiro parents of their sub-tasks). */
  subIssues: boolean;
  /** `depends on` relations become GitHub's blocked-by relations between issues. */
  blockedBy: boolean;
  /** Phase blocking from the gates becomes blocked-by between phase issues, where there are phase issues. */
  phaseBlockedBy: boolean;
  /** `@login` and `Owner:` in the file assign the issues. */
  assignees: boolean;
  /** One milestone per spec or per phase, or none. */
  milestones: 'off' | 'spec' | 'phase';
}

/**
 * What gets an issue. `key` is the identity an issue is found by again: a task ID for tasks, `story:US1`,
 * `phase:phase-2`, `spec` for the spec's own issue, `part:<parent key>:<n>` for overflow groups.
 */
export interface IssueUnit {
  key: string;
  kind: 'task' | 'story' | 'phase' | 'spec';
  title: string;
  /** The tasks this issue stands for, in file order (one for a task unit). */
  taskIds: string[];
}

/** A node of the desired sub-issue tree: an issue and its sub-issues in the order GitHub should show. */
export interface TreeNode {
  key: string;
  kind: 'spec' | 'phase' | 'part' | 'unit';
  children: TreeNode[];
}

/** A relation between two issues by key: `from` is blocked by `to`, or `from` is the parent of `to`. */
export interface Relation {
  from: string;
  to: string;
}
