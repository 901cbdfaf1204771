import { describe, expect, test } from '@jest/globals';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';
import { renderHolderIssue } from '../../../src/core/structure/render-holder-issue.js';

const doc = parseTasks('## Phase 2: Foundational\n- [ ] T001 A\n\n## Cleanup\n- [ ] T002 B\n', {
  path: 'specs/002-billing/tasks.md',
});

describe('renderHolderIssue', () => {
  test.each([
    ['phase:phase-2', '002-billing: Phase 2: Foundational'],
    ['phase:none', '002-billing: Tasks outside any phase'],
    ['part:phase:phase-2:2', '002-billing: Phase 2: Foundational (part 2)'],
  ])('%s is titled %s', (key, title) => {
    expect(renderHolderIssue(doc, '002-billing', { key, kind: 'phase', children: [] }).title).toBe(title);
  });

  test("a very long phase heading is cut to GitHub's 256 characters, keeping the part number out of reach", () => {
    const long = parseTasks(`## Phase 1: ${'Setup '.repeat(60)}\n- [ ] T001 A\n`, {
      path: 'specs/002-billing/tasks.md',
    });
    const title = renderHolderIssue(long, '002-billing', {
      key: 'part:phase:phase-1:2',
      kind: 'phase',
      children: [],
    }).title;
    expect(Array.from(title)).toHaveLength(256);
    expect(title).toMatch(/^002-billing: Phase 1: Setup Setup .*…$/u);
  });

  test('the body says how many sub-issues it holds and why', () => {
    const node = {
      key: 'phase:phase-2',
      kind: 'phase' as const,
      children: [{ key: 'T001', kind: 'unit' as const, children: [] }],
    };
    const { body } = renderHolderIssue(doc, '002-billing', node);
    expect(body).toContain('1 sub-issue below');
    expect(body).toContain('100 sub-issues per issue');
  });
});
