import { describe, expect, it } from '@jest/globals';
import type { TaskStatus } from '../../../src/core/model.js';
import { readHeadingTask, readStatusValue } from '../../../src/core/parse/read-heading-task.js';

describe('readHeadingTask', () => {
  const tasks: [string, string, string[], string, TaskStatus | null][] = [
    [
      'T001 [P] Extend Zod user validation schemas ✅',
      'T001',
      ['P'],
      'Extend Zod user validation schemas',
      'done',
    ],
    ['T031 [P] ✅ Create subscription utilities', 'T031', ['P'], 'Create subscription utilities', 'done'],
    ['T-001: Create ExternalItemsCounter Service', 'T-001', [], 'Create ExternalItemsCounter Service', null],
    ['Task 1.1: Project Initialization ✅', '1.1', [], 'Project Initialization', 'done'],
    ['Task 1: Add/Locate PII Detection Logic', '1', [], 'Add/Locate PII Detection Logic', null],
    ['T012 [US2] Wire it — ✅ COMPLETED', 'T012', ['US2'], 'Wire it', 'done'],
    ['T011a Follow-up', 'T011a', [], 'Follow-up', null],
    ['T004 - Set up the database', 'T004', [], 'Set up the database', null],
  ];
  it.each(tasks)('%s', (text, id, labels, title, status) => {
    expect(readHeadingTask(text)).toEqual({ id, labels, title, status });
  });

  const notTasks = [
    'T001-T005: Critical Bug Fixes',
    'T001–T005 Critical Bug Fixes',
    'T001 - T005: fixes',
    'T-001..T-014',
    'Task 1.1-1.4 review',
    'Task Overview',
    'Tasks 1.1-1.4',
    'Week 1: Foundation (Tasks 1.1-1.4)',
    'Phase 1: Setup',
    'TT001 Not an ID',
  ];
  it.each(notTasks)('%s is not a task', (text) => {
    expect(readHeadingTask(text)).toBeNull();
  });
});

describe('readStatusValue', () => {
  const values: [string, TaskStatus | null][] = [
    ['COMPLETED', 'done'],
    ['COMPLETED (cash-on-delivery path)', 'done'],
    ['[x] completed', 'done'],
    ['done', 'done'],
    ['in progress', 'in_progress'],
    ['in_progress', 'in_progress'],
    ['Blocked (vendor API)', 'blocked'],
    ['skipped', 'skipped'],
    ['[REVERTED]', 'skipped'],
    ['cancelled', 'skipped'],
    ['PENDING', 'open'],
    ['not started', 'open'],
    ['[ ]', 'open'],
    ['[ ] deferred (separate increment)', 'open'],
    ['[x]', 'done'],
    ['**completed**', 'done'],
    ['Ready for review', null],
    ['', null],
  ];
  it.each(values)('%s', (value, status) => {
    expect(readStatusValue(value)).toBe(status);
  });
});
