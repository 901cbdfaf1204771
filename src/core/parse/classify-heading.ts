import type { Phase } from '../model.js';

/** How a heading shapes the tasks under it; docs/formats.md, "Phases and sections". */
export type HeadingClass =
  | { kind: 'phase'; number: string | null; name: string; phaseKind: Phase['kind']; story: string | null }
  | { kind: 'stop' }
  | { kind: 'dependencies' }
  | { kind: 'example' }
  | { kind: 'checklist' }
  | { kind: 'task-heading' }
  | { kind: 'section' };

const PHASE_WORD =
  /^(?:Phase|Fase|Wave|Week|Stage|Sprint|Milestone|Etapa|Step)\s*(\d+(?:\.\d+)*|N)\b\s*[:：.\-–—]?\s*(.*)$/iu;
const NUMBERED = /^(\d{1,3}(?:\.\d{1,3})*)\.\s+(\S.*)$/u;
const DEPENDENCIES = /dependenc|execution order/iu;
const STOP =
  /^(?:notes?|parallel (?:example|opportunities|execution)|implementation strategy|mvp first|incremental delivery|parallel team|rollout|strategy|summary|task summary|format\b|path conventions|references?|progress|status|execution flow|task generation rules|legend\b|key\s*$|status (?:legend|key))/iu;
const EXAMPLE = /\bexamples?\b|reference only|format reference/iu;
const CHECKLIST =
  /acceptance criteria|definition of done|checklist|verification|validation|quality gates?|criteria|completion/iu;
const TASK_HEADING = /^(?:T-?\d{3,}[a-z]?|Task[ -]?\d+(?:\.\d+)*)\b/iu;

/** The kind of a phase from its name (`Setup`, `Foundational`, `User Story 3`, `Polish`). */
export function readPhaseKind(name: string): { phaseKind: Phase['kind']; story: string | null } {
  const story = /\b(?:user\s+story|US-?)\s*(\d+)\b/iu.exec(name);
  if (story) return { phaseKind: 'story', story: `US${Number(story[1])}` };
  if (/foundational|blocking prerequisites/iu.test(name)) return { phaseKind: 'foundational', story: null };
  if (/^\s*(?:setup|set-up|set up)\b|\bsetup\b/iu.test(name)) return { phaseKind: 'setup', story: null };
  if (/polish|cross-cutting/iu.test(name)) return { phaseKind: 'polish', story: null };
  return { phaseKind: 'other', story: null };
}

function phase(number: string | null, rawName: string): HeadingClass {
  const name = rawName.trim();
  return { kind: 'phase', number, name, ...readPhaseKind(name) };
}

/** Classifies a heading by its text (markup already removed). */
export function classifyHeading(text: string): HeadingClass {
  const word = PHASE_WORD.exec(text);
  if (word && !/^dependenc/iu.test(word[2]!)) return phase(word[1]!, word[2]!);
  if (TASK_HEADING.test(text)) return { kind: 'task-heading' };
  const numbered = NUMBERED.exec(text);
  if (numbered) return phase(numbered[1]!, numbered[2]!);
  if (DEPENDENCIES.test(text)) return { kind: 'dependencies' };
  if (STOP.test(text)) return { kind: 'stop' };
  if (EXAMPLE.test(text)) return { kind: 'example' };
  if (CHECKLIST.test(text)) return { kind: 'checklist' };
  return { kind: 'section' };
}
