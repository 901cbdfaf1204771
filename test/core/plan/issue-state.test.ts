import { describe, expect, it } from '@jest/globals';
import type { TaskStatus } from '../../../src/core/model.js';
import { desiredState, type StateChanges, stateChanges } from '../../../src/core/plan/issue-state.js';

describe('stateChanges(actual, desiredState(status))', () => {
  it.each<[TaskStatus, 'open' | 'closed', string | null, StateChanges]>([
    ['open', 'open', null, {}],
    ['in_progress', 'open', null, {}],
    ['blocked', 'open', 'reopened', {}],
    ['open', 'closed', 'completed', { state: 'open' }],
    ['open', 'closed', 'not_planned', { state: 'open' }],
    ['done', 'open', null, { state: 'closed', stateReason: 'completed' }],
    ['done', 'closed', 'completed', {}],
    ['done', 'closed', null, {}],
    ['done', 'closed', 'duplicate', {}],
    ['done', 'closed', 'not_planned', { state: 'closed', stateReason: 'completed' }],
    ['skipped', 'open', null, { state: 'closed', stateReason: 'not_planned' }],
    ['skipped', 'closed', 'not_planned', {}],
    ['skipped', 'closed', 'completed', { state: 'closed', stateReason: 'not_planned' }],
    ['skipped', 'closed', null, { state: 'closed', stateReason: 'not_planned' }],
  ])('%s task, issue %s (%s)', (status, state, stateReason, expected) => {
    expect(stateChanges({ state, stateReason }, desiredState(status))).toEqual(expected);
  });
});
