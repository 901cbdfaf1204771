import type { SpecDocument } from '../model.js';
import type { Violation } from './types.js';

/** Problems the parser found in tasks.md; template leftovers belong to the placeholders gate. */
export function gateParserFindings(doc: SpecDocument): Violation[] {
  return doc.findings
    .filter((finding) => finding.code !== 'template-leftover')
    .map((finding) => ({
      gate: 'parserFindings' as const,
      path: doc.path,
      line: finding.line,
      message: `${finding.code}: ${finding.message}`,
    }));
}
