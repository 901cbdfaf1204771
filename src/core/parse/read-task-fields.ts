/** Pulls file paths, dependencies and requirement references out of the text of one task. */

/** Longest range (`T001-T200`) expanded into IDs; a longer one is most likely a typo. */
export const MAX_RANGE_LENGTH = 500;

const TASK_REF = String.raw`(?:T-?\d{3,}[a-z]?|Task[ -]?\d+(?:\.\d+)*)`;
const REF_LIST = String.raw`${TASK_REF}(?:\s*(?:,|、|，|;|and|&|or|[-–—]|\.\.)\s*${TASK_REF})*`;
const DEPENDS = new RegExp(
  String.raw`(?:depends?\s+on|dependenc(?:y|ies)|after|requires?|blocked\s+by|gated\s+behind|deps)[*_]*\s*:?[*_]*\s*(${REF_LIST})`,
  'giu',
);
/**
 * Kiro numbers (`(depends on 1.2)`, `_Depends on: 1.2, 2.1_`): only after words that say "dependency",
 * since `after 2.5 seconds` or `requires Node 20.18` are not task references.
 */
const KIRO_REF = String.raw`\d{1,3}(?:\.\d{1,3})+`;
const KIRO_DEPENDS = new RegExp(
  String.raw`(?:depends?\s+on|dependenc(?:y|ies)|blocked\s+by|deps)[*_]*\s*:?[*_]*\s*((?:Task\s*)?${KIRO_REF}(?:\s*(?:,|、|，|;|and|&)\s*(?:Task\s*)?${KIRO_REF})*)(?![\d.]*\d)`,
  'giu',
);
const RANGE = /^(T-?)(\d{3,})\s*(?:[-–—]|\.\.)\s*T-?(\d{3,})$/u;

function normaliseRef(ref: string): string {
  const task = /^Task ?(\d+(?:\.\d+)*)$/i.exec(ref);
  return task ? task[1]! : ref;
}

function expandRange(prefix: string, from: string, to: string): string[] {
  const start = Number(from);
  const end = Number(to);
  if (end < start || end - start > MAX_RANGE_LENGTH) return [`${prefix}${from}`, `${prefix}${to}`];
  const ids: string[] = [];
  for (let n = start; n <= end; n += 1) ids.push(`${prefix}${String(n).padStart(from.length, '0')}`);
  return ids;
}

function readRefList(list: string): string[] {
  const pieces = list.split(/\s*(?:,|、|，|;|\band\b|&|\bor\b)\s*/u).filter((piece) => piece !== '');
  return pieces.flatMap((piece) => {
    const range = RANGE.exec(piece);
    if (range) return expandRange(range[1]!, range[2]!, range[3]!);
    return piece.split(/\s+/).filter((ref) => new RegExp(`^${TASK_REF}$`, 'i').test(ref));
  });
}

/** `(depends on T012, T013)`, Kiro `(depends on 1.2)`, `after T003`, `requires T004`, `blocked by T005`, `[deps:T001,T002]`, ranges. */
export function readDependsOn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(DEPENDS)) {
    found.push(...readRefList(match[1]!.replace(/Task\s+(?=\d)/giu, 'Task')).map(normaliseRef));
  }
  for (const match of text.matchAll(KIRO_DEPENDS)) {
    found.push(...(match[1]!.match(new RegExp(KIRO_REF, 'gu')) ?? []));
  }
  return [...new Set(found)];
}

const PATH_TOKEN =
  /^[\w.@~$-][\w.@~$()[\]{},+-]*(?:\/[\w.@~$()[\]{},+-]+)*\/[\w.@~$()[\]{},+-]*\.[A-Za-z][A-Za-z0-9]{0,7}$/;
const FILE_NAME = /^[\w.@~$()[\]{},+-]+\.[A-Za-z][A-Za-z0-9]{0,7}$/;

function cleanToken(token: string): string {
  return token.replace(/^[("'“‘]+/u, '').replace(/[)"'”’.,;:!?]+$/u, '');
}

/** Paths in backticks (`research.md`, `src/x.ts`) and bare tokens with a `/` and an extension. */
export function readFiles(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/`([^`\n]+)`/g)) {
    const code = match[1]!.trim().replace(/:\d+(?:-\d+)?$/, '');
    if (!code.includes('://') && (PATH_TOKEN.test(code) || FILE_NAME.test(code))) found.push(code);
  }
  const bare = text.replace(/`[^`\n]*`/g, ' ').replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, ' $1 ');
  for (const raw of bare.split(/[\s（）：、，。「」]+/u)) {
    const token = cleanToken(raw);
    if (!token.includes('://') && PATH_TOKEN.test(token)) found.push(token);
  }
  return [...new Set(found)];
}

const REQUIREMENT_LINE = /_?(?:Requirements|要件)\s*[:：]\s*([^_\n]+)_?/giu;
const VALIDATES = /Validates:\s*Requirements?\s+([\d.,\s-]+)/giu;
const SPEC_REF = /\b(?:FR|NFR|SC)-\d+[a-z]?\b/gu;

function splitRequirementList(list: string): string[] {
  return list
    .split(/[,、，]/u)
    .map((item) => item.trim().replace(/^要件/u, '').replace(/\*+$/, '').trim())
    .filter((item) => item !== '');
}

/** `_Requirements: 1.1, 2.3_`, `_要件: 1.1_`, `**Validates: Requirements 8.2**`, `FR-023`, `SC-002`, `NFR-1`. */
export function readRequirements(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(REQUIREMENT_LINE)) found.push(...splitRequirementList(match[1]!));
  for (const match of text.matchAll(VALIDATES)) found.push(...splitRequirementList(match[1]!));
  for (const match of text.matchAll(SPEC_REF)) found.push(match[0]);
  return [...new Set(found)];
}
