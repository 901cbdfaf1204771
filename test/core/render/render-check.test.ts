import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import type { GateReport, Violation } from '../../../src/core/gates/types.js';
import { chunkAnnotations, MAX_CHECK_OUTPUT_CHARS } from '../../../src/core/render/check/check-limits.js';
import { progressBar, renderCheckOutput } from '../../../src/core/render/check/render-check.js';
import {
  findKeyLine,
  renderConfigError,
  renderFileError,
} from '../../../src/core/render/check/render-file-error.js';

const template = readFileSync(new URL('../../../templates/check-summary.md.hbs', import.meta.url), 'utf8');

function report(parts: Partial<GateReport> = {}): GateReport {
  return {
    specDir: 'specs/001-a',
    tasksPath: 'specs/001-a/tasks.md',
    conclusion: 'failure',
    gates: [
      { name: 'phaseOrder', level: 'error', state: 'fail', violations: [violation(12)] },
      {
        name: 'checkpoints',
        level: 'warning',
        state: 'warn',
        violations: [{ ...violation(20), gate: 'checkpoints' }],
      },
      { name: 'completion', level: 'off', state: 'off', violations: [] },
    ],
    phases: [
      { id: 'phase-1', name: 'Setup | infra', done: 1, total: 2, open: ['T001'] },
      { id: 'phase-2', name: 'Build', done: 4, total: 4, open: [] },
    ],
    done: 5,
    total: 6,
    blockingTasks: [{ id: 'T001', line: 3, title: 'Init repo' }],
    ...parts,
  };
}

function violation(line: number): Violation {
  return { gate: 'phaseOrder', path: 'specs/001-a/tasks.md', line, message: `problem at ${line}` };
}

describe('renderCheckOutput', () => {
  test('task text keeps its code spans, but HTML in it cannot hide the rest of the summary', () => {
    const output = renderCheckOutput(
      report({ blockingTasks: [{ id: 'T001', line: 3, title: 'Create `User` in <!-- oops' }] }),
      { template, issueUrls: {} },
    );
    expect(output.summary).toContain('- **T001** Create `User` in &lt;!-- oops (line 3)');
    expect(output.summary).not.toContain('<!--');
  });

  test('summary shows phases with bars, gates with icons, and blocking tasks linked to issues', () => {
    const output = renderCheckOutput(report(), {
      template,
      issueUrls: { T001: 'https://github.com/o/r/issues/7' },
      tasksUrl: (path, line) => `https://github.com/o/r/blob/abc/${path}#L${line}`,
    });
    expect(output.summary).toContain('| Setup \\| infra | 1/2 | `▓▓▓▓▓░░░░░` 50% |');
    expect(output.summary).toContain('| Build | 4/4 | `▓▓▓▓▓▓▓▓▓▓` 100% |');
    expect(output.summary).toContain('| ❌ Phase order (`phaseOrder`) | error | 1 problem |');
    expect(output.summary).toContain('| ⚠️ Checkpoints (`checkpoints`) | warning | 1 problem |');
    expect(output.summary).toContain('| ➖ Completion (`completion`) | off | off |');
    expect(output.summary).toContain(
      '- [T001](https://github.com/o/r/issues/7) Init repo ([line 3](https://github.com/o/r/blob/abc/specs/001-a/tasks.md#L3))',
    );
    expect(output.title).toBe('Phase order: problem at 12 (+1 more gate) · 5/6 done');
  });

  test('annotations: failure for error-level gates, warning otherwise', () => {
    const output = renderCheckOutput(report(), { template, issueUrls: {} });
    expect(output.annotations.map((a) => [a.start_line, a.annotation_level])).toEqual([
      [12, 'failure'],
      [20, 'warning'],
    ]);
    expect(output.summary).toContain('- **T001** Init repo (line 3)');
  });

  test('120 violations give 120 annotations in chunks of at most 50', () => {
    const violations = Array.from({ length: 120 }, (_, i) => violation(i + 1));
    const gates = [
      { name: 'phaseOrder' as const, level: 'error' as const, state: 'fail' as const, violations },
    ];
    const output = renderCheckOutput(report({ gates }), { template, issueUrls: {} });
    const chunks = chunkAnnotations(output.annotations);
    expect(chunks.map((chunk) => chunk.length)).toEqual([50, 50, 20]);
    expect(chunks.flat()).toEqual(output.annotations);
  });

  test('a huge report is cut to GitHub’s limit with a visible note', () => {
    const long = 'x'.repeat(400);
    const phases = Array.from({ length: 400 }, (_, i) => ({
      id: `p${i}`,
      name: `${long}${i}`,
      done: 0,
      total: 1,
      open: [],
    }));
    const violations = Array.from({ length: 600 }, (_, i) => ({ ...violation(i + 1), message: long }));
    const gates = [
      { name: 'phaseOrder' as const, level: 'error' as const, state: 'fail' as const, violations },
    ];
    const output = renderCheckOutput(report({ phases, gates }), { template, issueUrls: {} });
    expect(output.summary.length).toBeLessThanOrEqual(MAX_CHECK_OUTPUT_CHARS);
    expect(output.summary).toMatch(/… \d+ more rows not shown/);
    expect(output.text?.length).toBeLessThanOrEqual(MAX_CHECK_OUTPUT_CHARS);
    expect(output.text).toMatch(/… \d+ more rows not shown$/);
  });

  test('a template that ignores the lists is rendered as written', () => {
    const output = renderCheckOutput(report(), { template: 'Verdict: {{verdict}}', issueUrls: {} });
    expect(output.summary).toBe('Verdict: Phase order: problem at 12 (+1 more gate) · 5/6 done');
  });

  test.each([
    [0, '░░░░░░░░░░'],
    [0.39, '▓▓▓░░░░░░░'],
    [0.99, '▓▓▓▓▓▓▓▓▓░'],
    [1, '▓▓▓▓▓▓▓▓▓▓'],
  ])('progressBar(%p) = %s', (ratio, bar) => {
    expect(progressBar(ratio)).toBe(bar);
  });
});

describe('config and file errors', () => {
  const yaml = [
    'specs:',
    '  - specs/*/tasks.md',
    '  - other/*/tasks.md',
    'gates:',
    '  # levels',
    '  phaseOrder: fatal',
    'issues:',
    '  labels:',
    '    spec: ""',
  ].join('\n');

  test.each([
    [['gates', 'phaseOrder'], 6],
    [['issues', 'labels', 'spec'], 9],
    [['specs', 1], 3],
    [['gates', 'nope'], 4],
    [['unknownKey'], 1],
    [[], 1],
  ] as Array<[Array<string | number>, number]>)('findKeyLine(%j) = %i', (path, line) => {
    expect(findKeyLine(yaml, path)).toBe(line);
  });

  test('renderConfigError annotates each problem at its key', () => {
    const output = renderConfigError({
      path: '.github/spec-sync.yml',
      text: yaml,
      issues: [{ path: ['gates', 'phaseOrder'], message: 'Invalid option' }],
    });
    expect(output.title).toBe('Invalid .github/spec-sync.yml: 1 problem');
    expect(output.annotations).toEqual([
      {
        path: '.github/spec-sync.yml',
        start_line: 6,
        end_line: 6,
        annotation_level: 'failure',
        message: 'gates.phaseOrder: Invalid option',
        title: 'Invalid spec-sync config',
      },
    ]);
    expect(output.summary).toContain('`gates.phaseOrder`: Invalid option');
  });

  test('renderFileError is a failure at the given line or line 1', () => {
    expect(renderFileError({ path: 'specs/a/tasks.md', message: 'Not UTF-8' }).annotations[0]).toMatchObject({
      start_line: 1,
      annotation_level: 'failure',
      message: 'Not UTF-8',
    });
    expect(
      renderFileError({ path: 'specs/a/tasks.md', message: 'x', line: 4 }).annotations[0]?.start_line,
    ).toBe(4);
  });
});
