import { proseLines } from './scan-lines.js';
import type { GateInput, Violation } from './types.js';

const MARKER = /\[NEEDS CLARIFICATION\b[^\]]*\]?|NEEDS CLARIFICATION:[^\n]*/;

/** The documents whose open questions hold the work up. */
const SCANNED = ['spec.md', 'plan.md', 'requirements.md', 'design.md'];

/** `[NEEDS CLARIFICATION: …]` markers left in the spec's documents (fenced code and inline code excepted). */
export function gateClarifications(input: GateInput): Violation[] {
  const files = SCANNED.map((name) => input.documents[name]).filter((file) => !!file);
  if (input.tasksText !== undefined) files.push({ path: input.tasksPath, text: input.tasksText });
  return files.flatMap((file) => findClarifications(file.path, file.text));
}

export function findClarifications(path: string, text: string): Violation[] {
  return proseLines(text).flatMap(({ line, text: prose }) => {
    const match = MARKER.exec(prose);
    if (!match) return [];
    return [
      {
        gate: 'clarifications' as const,
        path,
        line,
        message: `Open question: ${shorten(match[0].trim())}`,
      },
    ];
  });
}

function shorten(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
