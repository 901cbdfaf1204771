import type { SpecDocument } from '../model.js';
import { proseLines } from './scan-lines.js';
import type { GateInput, Violation } from './types.js';

/** Template text that a filled-in spec no longer has. */
const PLACEHOLDERS: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /\[FEATURE(?: NAME)?\]/, what: 'feature name placeholder' },
  { pattern: /\[###-feature-name\]/, what: 'spec directory placeholder' },
  { pattern: /ACTION REQUIRED/, what: 'template instruction' },
  { pattern: /\{\{[^}\n]*\}\}/, what: 'template variable' },
  { pattern: /Status\W*:\s*PASS\s*\/\s*FAIL\s*\/\s*CONDITIONAL/i, what: 'unfilled gate evaluation' },
];

const SCANNED = ['spec.md', 'plan.md', 'requirements.md', 'design.md'];

/**
 * The parser's `template-leftover` findings in tasks.md, plus the same placeholders in the other documents and in
 * tasks.md lines the parser did not already report.
 */
export function gatePlaceholders(input: GateInput): Violation[] {
  const files = SCANNED.map((name) => input.documents[name]).filter((file) => !!file);
  const reported = fromFindings(input.doc);
  const seen = new Set(reported.map((violation) => violation.line));
  const inTasks =
    input.tasksText === undefined
      ? []
      : findPlaceholders(input.tasksPath, input.tasksText).filter((violation) => !seen.has(violation.line));
  return [...reported, ...inTasks, ...files.flatMap((file) => findPlaceholders(file.path, file.text))];
}

function fromFindings(doc: SpecDocument): Violation[] {
  return doc.findings
    .filter((finding) => finding.code === 'template-leftover')
    .map((finding) => ({
      gate: 'placeholders' as const,
      path: doc.path,
      line: finding.line,
      message: finding.message,
    }));
}

export function findPlaceholders(path: string, text: string): Violation[] {
  return proseLines(text).flatMap(({ line, text: prose }) => {
    const hit = PLACEHOLDERS.find(({ pattern }) => pattern.test(prose));
    if (!hit) return [];
    const found = hit.pattern.exec(prose)?.[0] ?? '';
    return [
      { gate: 'placeholders' as const, path, line, message: `Placeholder left (${hit.what}): ${found}` },
    ];
  });
}
