import { fitWithNote, MAX_ISSUE_BODY_LENGTH } from '../github-limits.js';
import { type IssueMarker, writeIssueMarker } from './issue-marker.js';

/** spec-sync owns the text between these two comments; everything outside them belongs to people. */
export const BODY_BEGIN = '<!-- spec-sync:begin -->';
export const BODY_END = '<!-- spec-sync:end -->';

export { MAX_ISSUE_BODY_LENGTH } from '../github-limits.js';

const TRUNCATION_NOTE =
  '\n\n…\n\n_Cut to fit the 65536-character limit of an issue body; the whole task is in tasks.md._';

const STRAY_MARKER = /<!--\s*spec-sync:(?:task|spec|begin|end)\b[\s\S]*?-->/g;

/**
 * The body with spec-sync's section (marker first) replaced or added. Text outside the section is kept
 * byte for byte; a marker of ours left outside it (a person deleted the begin/end comments) is dropped so the
 * body holds one marker.
 */
export function mergeIssueBody(
  existingBody: string | null,
  ownedSection: string,
  marker: IssueMarker,
): string {
  const { before, after } = humanParts(existingBody ?? '');
  const head = `${BODY_BEGIN}\n${writeIssueMarker(marker)}\n`;
  const tail = `\n${BODY_END}`;
  const budget = MAX_ISSUE_BODY_LENGTH - before.length - after.length - head.length - tail.length;
  return `${before}${head}${fitSection(ownedSection, budget)}${tail}${after}`;
}

/** Bodies compared the way a person reads them: GitHub may hand back `\r\n` and trailing blank lines. */
export function sameBody(a: string | null, b: string | null): boolean {
  return normaliseBody(a) === normaliseBody(b);
}

export function normaliseBody(body: string | null): string {
  return (body ?? '').replace(/\r\n?/g, '\n').trimEnd();
}

function humanParts(body: string): { before: string; after: string } {
  const begin = body.indexOf(BODY_BEGIN);
  const end = begin < 0 ? -1 : body.indexOf(BODY_END, begin + BODY_BEGIN.length);
  if (begin >= 0 && end >= 0) {
    return {
      before: dropStrayMarkers(body.slice(0, begin)),
      after: dropStrayMarkers(body.slice(end + BODY_END.length)),
    };
  }
  const human = dropStrayMarkers(body);
  if (human.trim() === '') return { before: '', after: '' };
  return { before: human + (human.endsWith('\n') ? '\n' : '\n\n'), after: '' };
}

function dropStrayMarkers(text: string): string {
  return text.includes('spec-sync:') ? text.replace(STRAY_MARKER, '') : text;
}

function fitSection(section: string, budget: number): string {
  return fitWithNote(section, budget, TRUNCATION_NOTE, { atLine: true });
}
