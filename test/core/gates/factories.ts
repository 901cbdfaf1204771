import type { Checkpoint, Finding, Phase, SpecDocument, Task } from '../../../src/core/model.js';
import { taskWith } from '../task-factory.js';

/** Small builders for spec models, so each test states only the fields it is about. */
export function task(id: string, line: number, overrides: Partial<Task> = {}): Task {
  return taskWith({ id, line, ...overrides });
}

export function done(id: string, line: number, overrides: Partial<Task> = {}): Task {
  return task(id, line, { status: 'done', marker: 'x', ...overrides });
}

export function phase(number: string, line: number, overrides: Partial<Phase> = {}): Phase {
  return {
    id: `phase-${number}`,
    number,
    name: `Name ${number}`,
    kind: 'other',
    story: null,
    line,
    blockedBy: [],
    blockedBySource: 'none',
    ...overrides,
  };
}

export function spec(parts: {
  path?: string;
  phases?: Phase[];
  tasks?: Task[];
  checkpoints?: Checkpoint[];
  findings?: Finding[];
  frontmatter?: Record<string, unknown>;
}): SpecDocument {
  return {
    path: parts.path ?? 'specs/001-demo/tasks.md',
    dialect: 'speckit',
    frontmatter: parts.frontmatter ?? {},
    title: 'Tasks: Demo',
    phases: parts.phases ?? [],
    tasks: parts.tasks ?? [],
    checkpoints: parts.checkpoints ?? [],
    findings: parts.findings ?? [],
  };
}
