import type { Phase } from '../model.js';
import type { Statement } from './walk-state.js';

/**
 * Which phases block which. A "Dependencies & Execution Order" sentence such as
 * `Foundational (Phase 2): Depends on Setup completion - BLOCKS all user stories` sets the subject's
 * `blockedBy` (source `document`); phases the document says nothing about get spec-kit's defaults.
 */

function byKind(phases: Phase[], kind: Phase['kind']): Phase[] {
  return phases.filter((phase) => phase.kind === kind);
}

/** The phases a piece of text names: by kind word, by `User Story N`, or by `Phase N`. */
function phasesNamed(text: string, phases: Phase[]): Phase[] {
  const named = new Set<Phase>();
  const add = (list: Phase[]) => {
    for (const phase of list) named.add(phase);
  };
  if (/\bsetup\b/iu.test(text)) add(byKind(phases, 'setup'));
  if (/foundational/iu.test(text)) add(byKind(phases, 'foundational'));
  if (/polish/iu.test(text)) add(byKind(phases, 'polish'));
  if (/user stories|all (?:desired )?(?:user )?stories/iu.test(text)) add(byKind(phases, 'story'));
  for (const match of text.matchAll(/\b(?:user story\s*|US)(\d+)\b/giu)) {
    add(phases.filter((phase) => phase.story === `US${Number(match[1])}`));
  }
  if (named.size === 0) {
    for (const match of text.matchAll(/\bphase\s+(\d+(?:\.\d+)?)\b(?!\+)/giu)) {
      add(phases.filter((phase) => phase.number === match[1]));
    }
  }
  return [...named];
}

const STATEMENT = /^\s*(?:[-*+]\s+)?([^:\n]{2,80}?)\s*:\s*(.+)$/u;
const SAYS_DEPENDENCY = /depend|after|requires|blocked|no dependencies|start immediately/iu;

function readStatement(text: string, phases: Phase[]): { subjects: Phase[]; blockers: Phase[] } | null {
  const match = STATEMENT.exec(text.replace(/\*\*|__/g, '').split('\n')[0] ?? '');
  if (!match || !SAYS_DEPENDENCY.test(match[2]!)) return null;
  const subjects = phasesNamed(match[1]!, phases);
  if (subjects.length === 0) return null;
  const firstClause = match[2]!.split(/\s[-–—]\s|\.\s/u)[0] ?? '';
  const blockers = /no dependencies|start immediately/iu.test(firstClause)
    ? []
    : phasesNamed(firstClause, phases);
  return { subjects, blockers };
}

function applyStatements(phases: Phase[], statements: Statement[]): Map<Phase, Set<string>> {
  const stated = new Map<Phase, Set<string>>();
  for (const statement of statements) {
    const reading = readStatement(statement.text, phases);
    if (!reading) continue;
    for (const subject of reading.subjects) {
      const blockers = stated.get(subject) ?? new Set<string>();
      for (const blocker of reading.blockers) if (blocker !== subject) blockers.add(blocker.id);
      stated.set(subject, blockers);
    }
  }
  return stated;
}

function defaultBlockers(phase: Phase, phases: Phase[]): string[] | null {
  const ids = (list: Phase[]) => list.map((other) => other.id);
  if (phase.kind === 'setup') return [];
  if (phase.kind === 'foundational') return ids(byKind(phases, 'setup'));
  if (phase.kind === 'story') {
    const foundational = byKind(phases, 'foundational');
    return ids(foundational.length > 0 ? foundational : byKind(phases, 'setup'));
  }
  if (phase.kind === 'polish') return ids([...byKind(phases, 'foundational'), ...byKind(phases, 'story')]);
  return null;
}

export function resolvePhaseBlocking(phases: Phase[], statements: Statement[]): Phase[] {
  const stated = applyStatements(phases, statements);
  return phases.map((phase) => {
    const fromDocument = stated.get(phase);
    if (fromDocument) return { ...phase, blockedBy: [...fromDocument], blockedBySource: 'document' };
    const defaults = defaultBlockers(phase, phases);
    if (defaults === null) return { ...phase, blockedBy: [], blockedBySource: 'none' };
    return { ...phase, blockedBy: defaults.filter((id) => id !== phase.id), blockedBySource: 'default' };
  });
}
