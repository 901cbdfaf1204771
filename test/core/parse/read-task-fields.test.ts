import { describe, expect, it } from '@jest/globals';
import { readDependsOn, readFiles, readRequirements } from '../../../src/core/parse/read-task-fields.js';

describe('readDependsOn', () => {
  it.each([
    ['Implement service (depends on T012, T013)', ['T012', 'T013']],
    ['Wire it up after T003', ['T003']],
    ['Needs data; requires T004', ['T004']],
    ['Stuck, blocked by T005', ['T005']],
    ['(Dependencies: T004-T007)', ['T004', 'T005', 'T006', 'T007']],
    ['Depends on T001–T003.', ['T001', 'T002', 'T003']],
    ['**Gated behind T001.**', ['T001']],
    ['[depends on T001,T002]', ['T001', 'T002']],
    ['(Depends on: Task 8 - all components first)', ['8']],
    ['**Dependencies**: Task 1.2', ['1.2']],
    ['Makes T014–T017 green', []],
    ['Mentions T009 without a verb', []],
  ])('%s', (text, expected) => {
    expect(readDependsOn(text)).toEqual(expected);
  });
});

describe('readFiles', () => {
  it.each([
    ['Create User model in src/models/user.py', ['src/models/user.py']],
    ['Edit `packages/x/y.ts` and `research.md`', ['packages/x/y.ts', 'research.md']],
    ['Hook（src/hooks/useValuation.ts）', ['src/hooks/useValuation.ts']],
    ['Page at src/app/(main)/sectors/[id]/page.tsx.', ['src/app/(main)/sectors/[id]/page.tsx']],
    ['See https://example.org/docs/page.html', []],
    ['Link [contracts/api.md](./contracts/api.md)', ['contracts/api.md']],
    ['No paths here, just words/ideas', []],
  ])('%s', (text, expected) => {
    expect(readFiles(text)).toEqual(expected);
  });
});

describe('readRequirements', () => {
  it.each([
    ['_Requirements: 1.1, 2.3_', ['1.1', '2.3']],
    ['_要件: 1.1、1.2_', ['1.1', '1.2']],
    ['**Validates: Requirements 8.2, 8.4**', ['8.2', '8.4']],
    ['Handle errors (FR-023) and SC-002, NFR-1', ['FR-023', 'SC-002', 'NFR-1']],
    ['Nothing to see', []],
  ])('%s', (text, expected) => {
    expect(readRequirements(text)).toEqual(expected);
  });
});
