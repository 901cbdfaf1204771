import { describe, expect, test } from '@jest/globals';
import { type GatesConfig, gatesSchema } from '../../../src/config/schema.js';
import { evaluateGates } from '../../../src/core/gates/evaluate-gates.js';
import { gateCompletion } from '../../../src/core/gates/gate-completion.js';
import { gateParserFindings } from '../../../src/core/gates/gate-parser-findings.js';
import { summarizeVerdict } from '../../../src/core/gates/summarize-verdict.js';
import type { GateInput } from '../../../src/core/gates/types.js';
import type { SpecDocument } from '../../../src/core/model.js';
import { done, phase, spec, task } from './factories.js';

const defaults: GatesConfig = gatesSchema.parse({});
const documents = {
  'spec.md': { path: 'specs/001-demo/spec.md', text: '# Spec\n' },
  'plan.md': { path: 'specs/001-demo/plan.md', text: '# Plan\n' },
};
const input = (doc: SpecDocument, extra: Partial<GateInput> = {}): GateInput => ({
  specDir: 'specs/001-demo',
  tasksPath: 'specs/001-demo/tasks.md',
  doc,
  documents,
  ...extra,
});

const phases = [phase('1', 1, { name: 'Setup' }), phase('2', 10, { name: 'Build', blockedBy: ['phase-1'] })];
const outOfOrder = spec({
  phases,
  tasks: [
    task('T001', 3, { phase: 'phase-1', title: 'Init' }),
    done('T002', 4, { phase: 'phase-1' }),
    done('T003', 12, { phase: 'phase-2' }),
    task('T004', 13, { phase: 'phase-2' }),
  ],
});

describe('evaluateGates', () => {
  test('an error-level gate failing makes a failure, with progress and blocking tasks', () => {
    const report = evaluateGates(input(outOfOrder), defaults);
    expect(report.conclusion).toBe('failure');
    expect(report.gates.find((gate) => gate.name === 'phaseOrder')?.state).toBe('fail');
    expect(report.phases).toEqual([
      { id: 'phase-1', name: 'Setup', done: 1, total: 2, open: ['T001'] },
      { id: 'phase-2', name: 'Build', done: 1, total: 2, open: ['T004'] },
    ]);
    expect([report.done, report.total]).toEqual([2, 4]);
    expect(report.blockingTasks).toEqual([{ id: 'T001', line: 3, title: 'Init' }]);
  });

  test('the same gate at warning level makes the run neutral; off skips it', () => {
    expect(evaluateGates(input(outOfOrder), { ...defaults, phaseOrder: 'warning' }).conclusion).toBe(
      'neutral',
    );
    const off = evaluateGates(input(outOfOrder), { ...defaults, phaseOrder: 'off' });
    expect(off.conclusion).toBe('success');
    expect(off.gates.find((gate) => gate.name === 'phaseOrder')).toMatchObject({
      state: 'off',
      violations: [],
    });
  });

  test('a CONDITIONAL plan gate only warns even at error level', () => {
    const plan = { path: 'specs/001-demo/plan.md', text: '- Status: CONDITIONAL\n' };
    const report = evaluateGates(input(spec({}), { documents: { ...documents, 'plan.md': plan } }), defaults);
    expect(report.gates.find((gate) => gate.name === 'planGates')?.state).toBe('warn');
    expect(report.conclusion).toBe('neutral');
  });

  test.each([
    { completion: 'off' as const, onDefault: false, intoDefault: true, state: 'off' },
    { completion: 'off' as const, onDefault: true, intoDefault: false, state: 'off' },
    { completion: 'off' as const, onDefault: true, intoDefault: true, state: 'fail' },
    { completion: 'warning' as const, onDefault: false, intoDefault: false, state: 'warn' },
  ])(
    'completion $completion, on default PRs $onDefault, PR into default $intoDefault → $state',
    ({ completion, onDefault, intoDefault, state }) => {
      const config = { ...defaults, completion, completionOnDefaultBranchPullRequests: onDefault };
      const doc = spec({ tasks: [done('T1', 1), task('T2', 2)] });
      const report = evaluateGates(input(doc, { pullRequestIntoDefaultBranch: intoDefault }), config);
      expect(report.gates.find((gate) => gate.name === 'completion')?.state).toBe(state);
    },
  );

  test('a clean spec passes every gate', () => {
    const report = evaluateGates(
      input(
        spec({ phases, tasks: [done('T1', 3, { phase: 'phase-1' }), task('T2', 12, { phase: 'phase-2' })] }),
      ),
      defaults,
    );
    expect(report.conclusion).toBe('success');
    expect(summarizeVerdict(report)).toBe('All gates hold · 1/2 done');
  });
});

describe('summarizeVerdict', () => {
  test('names the first failing gate and the count of others', () => {
    const report = evaluateGates(input(outOfOrder, { documents: {} }), defaults);
    expect(summarizeVerdict(report)).toBe(
      'Phase order: T003 is done before Phase 1: Setup is complete; T001 still open. (+1 more gate) · 2/4 done',
    );
  });

  test('stays within 200 characters and keeps the progress', () => {
    const many = spec({ tasks: Array.from({ length: 40 }, (_, i) => task(`T${'9'.repeat(30)}${i}`, i + 1)) });
    const verdict = summarizeVerdict(evaluateGates(input(many), { ...defaults, completion: 'error' }));
    expect(verdict.length).toBeLessThanOrEqual(200);
    expect(verdict.endsWith(' · 0/40 done')).toBe(true);
  });
});

describe('gateParserFindings and gateCompletion', () => {
  test('findings other than template leftovers become violations', () => {
    const doc = spec({
      findings: [
        { code: 'duplicate-id', severity: 'warning', line: 9, message: 'T001 appears twice.' },
        { code: 'template-leftover', severity: 'error', line: 2, message: 'x' },
      ],
    });
    expect(gateParserFindings(doc).map(({ line, message }) => ({ line, message }))).toEqual([
      { line: 9, message: 'duplicate-id: T001 appears twice.' },
    ]);
  });

  test('completion: one violation per open non-optional task; an empty list is not complete', () => {
    const doc = spec({
      tasks: [
        done('1', 1),
        task('2', 2, { status: 'in_progress' }),
        task('3', 3, { optional: true }),
        task('4', 4, { status: 'skipped' }),
      ],
    });
    expect(gateCompletion(doc).map(({ line, message }) => ({ line, message }))).toEqual([
      { line: 2, message: '2 is still in progress (1 open: 2).' },
    ]);
    expect(gateCompletion(spec({}))).toHaveLength(1);
  });
});
