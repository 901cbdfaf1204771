import type { TaskStatus } from '../model.js';

export type StateReason = 'completed' | 'not_planned' | 'reopened';

export interface DesiredState {
  state: 'open' | 'closed';
  /** Only for closed issues; reopening sends no reason (GitHub records `reopened` itself). */
  reason: 'completed' | 'not_planned' | null;
}

export interface StateChanges {
  state?: 'open' | 'closed';
  stateReason?: StateReason;
}

/** The state table of docs/sync.md: the file decides, a person's close or reopen is undone on the next sync. */
export function desiredState(status: TaskStatus): DesiredState {
  switch (status) {
    case 'done':
      return { state: 'closed', reason: 'completed' };
    case 'skipped':
      return { state: 'closed', reason: 'not_planned' };
    default:
      return { state: 'open', reason: null };
  }
}

/**
 * Reasons an already closed issue may keep. `null` is an issue closed before GitHub had reasons;
 * `duplicate` is a person's judgement that spec-sync has no grounds to overrule.
 */
const ACCEPTED_REASONS: Readonly<Record<'completed' | 'not_planned', ReadonlyArray<string | null>>> = {
  completed: ['completed', null, 'duplicate'],
  not_planned: ['not_planned', 'duplicate'],
};

/** The fields of one issue update that bring the actual state to the desired one; empty when it matches. */
export function stateChanges(
  actual: { state: 'open' | 'closed'; stateReason: string | null },
  desired: DesiredState,
): StateChanges {
  if (desired.state === 'open') return actual.state === 'open' ? {} : { state: 'open' };
  const reason = desired.reason ?? 'completed';
  if (actual.state === 'closed' && ACCEPTED_REASONS[reason].includes(actual.stateReason)) return {};
  return { state: 'closed', stateReason: reason };
}
