import type { Phase, SpecDocument } from '../model.js';

/** How issues name a phase: `Phase 2: Foundational`, or its heading when unnumbered. */
export function phaseName(phase: Pick<Phase, 'number' | 'name'>): string {
  return phase.number === null ? phase.name : `Phase ${phase.number}: ${phase.name}`;
}

/** The name of the phase with this ID, or `fallback` when there is none (tasks outside any phase). */
export function phaseNameById(doc: SpecDocument, phaseId: string | null, fallback: string): string {
  const phase = doc.phases.find((candidate) => candidate.id === phaseId);
  return phase ? phaseName(phase) : fallback;
}
