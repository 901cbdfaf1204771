import { createHash } from 'node:crypto';

/**
 * The hidden comment that ties an issue to what it mirrors. Identity is (spec directory, task ID), never the
 * title: people retitle issues. `titleHash` is the hash of the last title spec-sync wrote, so a person's
 * retitle survives until the task's own text changes. `kind: 'spec'` is reserved for a parent issue per spec.
 */
export type IssueMarker = TaskIssueMarker | SpecIssueMarker;

export interface TaskIssueMarker {
  kind: 'task';
  /** The spec's directory, repository-relative, without a trailing slash (`specs/002-billing`). */
  spec: string;
  id: string;
  titleHash: string | null;
}

export interface SpecIssueMarker {
  kind: 'spec';
  spec: string;
  titleHash: string | null;
}

const MARKER_PATTERN = /<!--\s*spec-sync:(task|spec)\s+([\s\S]*?)-->/g;

/** The first well-formed marker in a body; text a person wrote around it does not matter. */
export function readIssueMarker(body: string | null): IssueMarker | null {
  if (!body) return null;
  for (const match of body.matchAll(MARKER_PATTERN)) {
    const marker = toMarker(match[1] as IssueMarker['kind'], parseJson(match[2] ?? ''));
    if (marker) return marker;
  }
  return null;
}

/** `<!-- spec-sync:task {"spec":"specs/002-billing","id":"T012","titleHash":"…"} -->` on one line. */
export function writeIssueMarker(marker: IssueMarker): string {
  const payload: Record<string, string> = { spec: marker.spec };
  if (marker.kind === 'task') payload.id = marker.id;
  if (marker.titleHash !== null) payload.titleHash = marker.titleHash;
  return `<!-- spec-sync:${marker.kind} ${escapeForComment(JSON.stringify(payload))} -->`;
}

/** A short, stable fingerprint of a title: enough to notice a change, not to recover the text. */
export function hashTitle(title: string): string {
  return createHash('sha256').update(title, 'utf8').digest('hex').slice(0, 12);
}

/**
 * An HTML comment ends at the first `-->` and may not hold `--`, so those characters are written as JSON
 * escapes. Outside string values JSON text never holds `<`, `>` or `-` here, so the escapes stay inside strings.
 */
export function escapeForComment(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/-(?=-)/g, '\\u002d');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.trim());
  } catch {
    // A marker a person damaged reads as no marker; the issue is then not spec-sync's.
    return null;
  }
}

function toMarker(kind: IssueMarker['kind'], value: unknown): IssueMarker | null {
  if (typeof value !== 'object' || value === null) return null;
  const fields = value as Record<string, unknown>;
  const spec = nonEmptyString(fields.spec);
  if (spec === null) return null;
  const titleHash = nonEmptyString(fields.titleHash);
  if (kind === 'spec') return { kind, spec, titleHash };
  const id = nonEmptyString(fields.id);
  return id === null ? null : { kind, spec, id, titleHash };
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
