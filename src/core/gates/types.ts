import type { GateLevel } from '../../config/schema.js';
import type { SpecDocument } from '../model.js';

/** The gates, named as their keys in `.github/spec-sync.yml` (`gates.<name>`). */
export type GateName =
  | 'phaseOrder'
  | 'taskDependencies'
  | 'checkpoints'
  | 'documents'
  | 'clarifications'
  | 'placeholders'
  | 'planGates'
  | 'lifecycle'
  | 'parserFindings'
  | 'completion';

/** One reason a gate does not hold, anchored to a line of a file in the spec. */
export interface Violation {
  gate: GateName;
  /** Repository-relative path of the file the line belongs to. */
  path: string;
  /** 1-based line. */
  line: number;
  endLine?: number;
  message: string;
  /** The task the violation is about, when there is one. */
  taskId?: string;
  /** Open tasks that stand in the way (their IDs). */
  blockingTaskIds?: string[];
  /** `warning` caps this violation below its gate's level (a plan gate marked CONDITIONAL). */
  cap?: 'warning';
}

/** A document next to tasks.md, as the caller fetched it; `null` when the file does not exist. */
export type SpecFile = { path: string; text: string } | null;

export interface GateInput {
  /** The spec's directory, e.g. `specs/002-billing`. */
  specDir: string;
  /** The task file, e.g. `specs/002-billing/tasks.md`. */
  tasksPath: string;
  doc: SpecDocument;
  /**
   * Files of the spec by name (`spec.md`, `plan.md`, `requirements.md`, `design.md`, `research.md`):
   * the caller fetches every name in GATE_DOCUMENT_NAMES; a missing key counts as an absent file.
   */
  documents: Record<string, SpecFile | undefined>;
  /** The raw tasks.md text, for markers the model does not carry (clarifications, frontmatter lines). */
  tasksText?: string;
  /** The run is for a pull request into the default branch (turns on `completionOnDefaultBranchPullRequests`). */
  pullRequestIntoDefaultBranch?: boolean;
}

export type GateState = 'pass' | 'fail' | 'warn' | 'off';

export interface GateResult {
  name: GateName;
  level: GateLevel;
  state: GateState;
  violations: Violation[];
}

export interface PhaseProgress {
  id: string;
  name: string;
  done: number;
  total: number;
  /** IDs of the phase's open non-optional tasks. */
  open: string[];
}

export interface BlockingTask {
  id: string;
  line: number;
  title: string;
}

export type GateConclusion = 'success' | 'failure' | 'neutral';

export interface GateReport {
  specDir: string;
  tasksPath: string;
  conclusion: GateConclusion;
  gates: GateResult[];
  phases: PhaseProgress[];
  /** Non-optional tasks done (or skipped) and in all. */
  done: number;
  total: number;
  /** Open tasks that block done work (phase order and task dependencies). */
  blockingTasks: BlockingTask[];
}
