import { describe, expect, test } from '@jest/globals';
import { gatePlanGates } from '../../../src/core/gates/gate-plan-gates.js';
import { spec } from './factories.js';

function run(plan: string) {
  return gatePlanGates({
    specDir: 'specs/001-a',
    tasksPath: 'specs/001-a/tasks.md',
    doc: spec({}),
    documents: { 'plan.md': { path: 'specs/001-a/plan.md', text: plan } },
  }).map(({ line, cap, message }) => ({ line, cap, message }));
}

describe('gatePlanGates', () => {
  test('FAIL fails, CONDITIONAL warns, PASS and the unfilled template pass', () => {
    const plan = [
      '## 2.2 Gate Evaluation', // 1
      '**Gate 1**: Data residency', // 2
      '- Status: FAIL', // 3
      '**Gate 2**: Cost', // 4
      '- Status: CONDITIONAL', // 5
      '**Gate 3**: Latency', // 6
      '- Status: PASS', // 7
      '**Gate 4**: [Gate name]', // 8
      '- Status: PASS / FAIL / CONDITIONAL', // 9
    ].join('\n');
    expect(run(plan)).toEqual([
      { line: 3, cap: undefined, message: 'Gate 1: Data residency evaluated FAIL.' },
      { line: 5, cap: 'warning', message: 'Gate 2: Cost passed only conditionally.' },
    ]);
  });

  test('Constitution Check: a FAIL row fails, an unticked item warns, ticked and PASS lines hold', () => {
    const plan = [
      '# Plan', // 1
      '## Constitution Check', // 2
      '| Principle | Result |', // 3
      '| I. Library first | ✅ PASS |', // 4
      '| II. Test first | ❌ FAIL |', // 5
      '- [x] Follows naming conventions', // 6
      '- [ ] Monitoring approach planned', // 7
      '- ✅ PASS: tests MUST FAIL before code', // 8
      '## Project Structure', // 9
      '- [ ] not a constitution item', // 10
      '| other | FAIL |', // 11
    ].join('\n');
    expect(run(plan).map(({ line, cap }) => ({ line, cap }))).toEqual([
      { line: 5, cap: undefined },
      { line: 7, cap: 'warning' },
    ]);
  });

  test('bold status notation and no plan at all', () => {
    expect(run('**Status**: ❌ FAIL — needs review').map(({ line }) => line)).toEqual([1]);
    expect(gatePlanGates({ specDir: 's', tasksPath: 's/tasks.md', doc: spec({}), documents: {} })).toEqual(
      [],
    );
  });

  test('a plan header **Status**: Draft is no evaluation', () => {
    expect(run('**Status**: Draft\n')).toEqual([]);
  });
});
