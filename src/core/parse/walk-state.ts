import type { Checkpoint, Finding, Phase, Task } from '../model.js';
import type { HeadingClass } from './classify-heading.js';

export interface HeadingFrame {
  depth: number;
  text: string;
  heading: HeadingClass;
  /** Set when the heading opened a phase. */
  phaseId: string | null;
}

/** A sentence from a "Dependencies & Execution Order" section, kept for the phase blocking rules. */
export interface Statement {
  text: string;
  line: number;
}

/** What the walk over the syntax tree gathers; finished into a SpecDocument afterwards. */
export interface WalkState {
  text: string;
  title: string | null;
  headings: HeadingFrame[];
  phases: Phase[];
  tasks: Task[];
  /** Structural parents, kept by reference because derived IDs are given out at the end. */
  parents: Map<Task, Task>;
  checkpoints: Checkpoint[];
  findings: Finding[];
  statements: Statement[];
  taskHeadings: number;
  /** Line of every heading, in order: a task heading's body runs to the next one. */
  headingLines: number[];
  /** Tasks written as headings; kept only when no checkbox task has an ID (finish-document). */
  headingTasks: Task[];
  /** Tasks written as table rows; kept only when no checkbox task has an ID (finish-document). */
  tableTasks: Task[];
}

export function newWalkState(text: string): WalkState {
  return {
    text,
    title: null,
    headings: [],
    phases: [],
    tasks: [],
    parents: new Map(),
    checkpoints: [],
    findings: [],
    statements: [],
    taskHeadings: 0,
    headingLines: [],
    headingTasks: [],
    tableTasks: [],
  };
}

/** The phase a task at this point belongs to: the nearest phase heading, unless a closing section intervenes. */
export function currentPhase(state: WalkState): string | null {
  for (let index = state.headings.length - 1; index >= 0; index -= 1) {
    const frame = state.headings[index]!;
    if (frame.heading.kind === 'stop' || frame.heading.kind === 'dependencies') return null;
    if (frame.phaseId !== null) return frame.phaseId;
  }
  return null;
}

export function currentSection(state: WalkState): string | null {
  return state.headings.at(-1)?.text ?? null;
}

export function insideHeading(state: WalkState, kind: HeadingClass['kind']): boolean {
  return state.headings.some((frame) => frame.heading.kind === kind);
}
