import type { SpecDocument } from '../model.js';
import { phaseName } from './phase-name.js';
import type { IssueUnit, StructureOptions } from './types.js';

/** Milestones are off by default; on, one per spec or one per phase of each spec. */
export type MilestoneMode = StructureOptions['milestones'];

/**
 * The milestone title each unit's issue belongs to, by unit key: the spec's name (`002-billing`), or the
 * spec's name and the unit's phase (`002-billing: Phase 2: Foundational`). A unit spanning several phases
 * (story, spec) takes the phase of its first task. Nothing when milestones are off.
 */
export function planMilestones(
  doc: SpecDocument,
  units: readonly IssueUnit[],
  specName: string,
  mode: MilestoneMode,
): Map<string, string> {
  const milestones = new Map<string, string>();
  if (mode === 'off') return milestones;
  const phaseOf = new Map(doc.tasks.map((task) => [task.id, task.phase]));
  for (const unit of units) {
    const phase = doc.phases.find((candidate) => candidate.id === phaseOf.get(unit.taskIds[0] ?? ''));
    if (mode === 'phase' && phase) {
      milestones.set(unit.key, `${specName}: ${phaseName(phase)}`);
    } else milestones.set(unit.key, specName);
  }
  return milestones;
}
