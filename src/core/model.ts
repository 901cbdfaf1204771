/**
 * The spec model: what a tasks.md holds, as the parser reads it.
 * Everything downstream (gates, sync plans, PR references, check runs) works on these values.
 * Field names here are a public contract: `spec-sync parse --json` prints them (docs/cli.md).
 */

/** A task's state. `open` covers spec-kit `[ ]` and Kiro's queued `[~]`; see docs/formats.md for the table. */
export type TaskStatus = 'open' | 'in_progress' | 'done' | 'blocked' | 'skipped';

/** Which family of tasks.md a document follows; decides defaults such as phase blocking and ID shapes. */
export type Dialect = 'speckit' | 'kiro' | 'other';

export type Severity = 'error' | 'warning' | 'notice';

/** A 1-based line span in the source text as the user wrote it (after BOM removal, before any other change). */
export interface SourceSpan {
  line: number;
  endLine: number;
}

export interface Task {
  /** Stable identity within the spec: `T012`, `1.2`, or a derived ID (docs/formats.md, "Tasks without an ID"). */
  id: string;
  /** `explicit` when written in the file, `derived` when spec-sync made it up by the documented rule. */
  idSource: 'explicit' | 'derived';
  /** The task text without box, ID and markers. */
  title: string;
  status: TaskStatus;
  /** The box content exactly as written (` `, `x`, `X`, `-`, `~`, `✅`, `🚧`, `TODO`…): write-back keeps the file's convention. */
  marker: string;
  /** 1-based line of the task's box. */
  line: number;
  /** `id` of the enclosing phase, or null when the document has no phases. */
  phase: string | null;
  /** Text of the nearest heading above the task (may be a sub-heading inside the phase). */
  section: string | null;
  /** `[P]` / `(P)`: may run in parallel with other tasks of its phase. */
  parallel: boolean;
  /** User story label such as `US1`, or null. */
  story: string | null;
  /** File paths mentioned in the task text. */
  files: string[];
  /** IDs of tasks this one depends on, as stated in the text (`depends on T012`, `after T003`). */
  dependsOn: string[];
  /** Requirement references (`_Requirements: 1.1, 2.3_`, `FR-023`). */
  requirements: string[];
  /** Kiro `- [ ]*`: optional task, not needed for completion. */
  optional: boolean;
  /** ID of the parent task for nested or dotted sub-tasks, else null. */
  parent: string | null;
  /** Free-text detail lines under the task (Kiro detail bullets), without markers. */
  details: string[];
  /** Checkbox items without an ID nested under the task, each with its own status (docs/formats.md, "Sub-items"). */
  checklist: ChecklistItem[];
  /** GitHub logins from `@login` in the task line or an `Owner:` / `Assignee:` field under it, without `@`. */
  assignees: string[];
}

/** A checkbox item without an ID under a task: part of that task, not a task of its own. */
export interface ChecklistItem {
  /** The item's text without bullet and box, lines joined. */
  text: string;
  status: TaskStatus;
  /** The box content exactly as written. */
  marker: string;
  /** 1-based line of the item's box. */
  line: number;
}

export interface Phase {
  /** Stable key: `phase-2`, `phase-3.1`, or a slug of the heading for unnumbered sections. */
  id: string;
  /** The number as written (`2`, `3.1`, `N`), or null. */
  number: string | null;
  /** The name without the `Phase N:` prefix (`Foundational (Blocking Prerequisites)`). */
  name: string;
  /** A short kind used for defaults: setup, foundational, story, polish, or other. */
  kind: 'setup' | 'foundational' | 'story' | 'polish' | 'other';
  /** User story label when the phase is a story phase (`US1`). */
  story: string | null;
  /** 1-based line of the heading. */
  line: number;
  /** IDs of phases that must be complete before tasks in this phase may be done. */
  blockedBy: string[];
  /** Where `blockedBy` came from: the document's own dependency section, or spec-kit's defaults. */
  blockedBySource: 'document' | 'default' | 'none';
}

export interface Checkpoint {
  /** Phase the checkpoint closes, or null. */
  phase: string | null;
  line: number;
  text: string;
}

export interface Finding {
  /** A stable code a program can match on (`duplicate-id`, `malformed-marker`, `template-leftover`…). */
  code: string;
  severity: Severity;
  line: number;
  /** A sentence a person understands, naming what is wrong and what to do. */
  message: string;
}

export interface SpecDocument {
  /** Path of the file as given to the parser (repository-relative when known). */
  path: string;
  dialect: Dialect;
  /** Frontmatter keys as written (any keys), or an empty object. */
  frontmatter: Record<string, unknown>;
  /** The H1 text, or null. */
  title: string | null;
  phases: Phase[];
  tasks: Task[];
  checkpoints: Checkpoint[];
  findings: Finding[];
}
