import type { SpecDocument } from '../../core/model.js';
import type { TasksParser } from './tasks-parser.js';

/** Parser findings that mean the file was not read at all: a sync must not act on such a model. */
export const UNREADABLE_FINDINGS: ReadonlySet<string> = new Set([
  'not-text',
  'parse-failed',
  'parse-timeout',
  'too-large',
]);

/** A tasks.md that could not be read as tasks: the sync stops and writes nothing. */
export class SpecUnreadableError extends Error {
  constructor(
    readonly tasksPath: string,
    readonly reason: string,
    readonly line = 1,
  ) {
    super(`${tasksPath} was not synced: ${reason}`);
    this.name = 'SpecUnreadableError';
  }
}

/** The tasks of a tasks.md that was read; a file that could not be read as tasks throws SpecUnreadableError. */
export async function readableSpec(
  parse: TasksParser,
  text: string,
  tasksPath: string,
): Promise<SpecDocument> {
  const doc = await parse(text, tasksPath);
  const fatal = doc.findings.find((finding) => UNREADABLE_FINDINGS.has(finding.code));
  if (fatal) throw new SpecUnreadableError(tasksPath, fatal.message, fatal.line);
  return doc;
}

/**
 * A file that parses to no tasks while issues are open is far more often a broken file than a finished
 * clean-up: refuse to close them all; a person can close them if that was meant.
 */
export function guardAgainstEmptying(doc: SpecDocument, openIssues: number, tasksPath: string): void {
  if (doc.tasks.length === 0 && openIssues > 0) {
    throw new SpecUnreadableError(
      tasksPath,
      `it has no tasks, but ${openIssues} task issues are open; they are left open rather than all closed`,
    );
  }
}
