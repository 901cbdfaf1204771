import type { Phase } from '../model.js';

/** How issues name a phase: `Phase 2: Foundational`, or its heading when unnumbered. */
export function phaseName(phase: Pick<Phase, 'number' | 'name'>): string {
  return phase.number === null ? phase.name : `Phase ${phase.number}: ${phase.name}`;
}
