import { describe, expect, test } from '@jest/globals';
import { gateClarifications } from '../../../src/core/gates/gate-clarifications.js';
import { gatePlaceholders } from '../../../src/core/gates/gate-placeholders.js';
import type { GateInput } from '../../../src/core/gates/types.js';
import { spec } from './factories.js';

function input(files: Record<string, string | undefined>, tasksText?: string): GateInput {
  const documents = Object.fromEntries(
    Object.entries(files)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, text]) => [name, { path: `specs/001-a/${name}`, text }]),
  );
  return { specDir: 'specs/001-a', tasksPath: 'specs/001-a/tasks.md', doc: spec({}), documents, tasksText };
}

const lines = (found: Array<{ path: string; line: number }>) =>
  found.map(({ path, line }) => `${path}:${line}`);

describe('gateClarifications', () => {
  test.each([
    {
      name: 'bracketed marker in spec.md',
      files: { 'spec.md': '# Spec\n\n- FR-1: log in via [NEEDS CLARIFICATION: which provider?]\n' },
      expected: ['specs/001-a/spec.md:3'],
    },
    {
      name: 'colon form in plan.md, and in tasks.md',
      files: { 'plan.md': 'Storage\nNEEDS CLARIFICATION: retention period\n' },
      tasksText: '# Tasks\n- [ ] T001 pick a DB [NEEDS CLARIFICATION]\n',
      expected: ['specs/001-a/plan.md:2', 'specs/001-a/tasks.md:2'],
    },
    {
      name: 'fenced code and inline code are skipped',
      files: {
        'spec.md': '```\n[NEEDS CLARIFICATION: example]\n```\nUse `[NEEDS CLARIFICATION: x]` to mark one.\n',
      },
      expected: [],
    },
    {
      name: 'the template sentence naming the marker is not one',
      files: { 'plan.md': '[List any NEEDS CLARIFICATION items that require research]\n' },
      expected: [],
    },
  ])('$name', ({ files, tasksText, expected }) => {
    expect(lines(gateClarifications(input(files, tasksText)))).toEqual(expected);
  });
});

describe('gatePlaceholders', () => {
  test.each([
    {
      name: 'feature name in plan.md',
      files: { 'plan.md': '# Implementation Plan: [FEATURE NAME]\n' },
      expected: ['specs/001-a/plan.md:1'],
    },
    {
      name: 'directory, ACTION REQUIRED and {{}} in spec.md',
      files: {
        'spec.md': 'Path: specs/[###-feature-name]/\n<!-- ACTION REQUIRED: fill -->\nHi {{name}}\nfine\n',
      },
      expected: ['specs/001-a/spec.md:1', 'specs/001-a/spec.md:2', 'specs/001-a/spec.md:3'],
    },
    {
      name: 'unfilled gate status in plan.md',
      files: { 'plan.md': '**Gate 1**: Security\n- Status: PASS / FAIL / CONDITIONAL\n' },
      expected: ['specs/001-a/plan.md:2'],
    },
    {
      name: 'placeholders inside fences are quotes',
      files: { 'spec.md': '~~~\n[FEATURE]\n~~~\n' },
      expected: [],
    },
  ])('$name', ({ files, expected }) => {
    expect(lines(gatePlaceholders(input(files)))).toEqual(expected);
  });

  test('template leftovers found by the parser in tasks.md are reported, other findings are not', () => {
    const doc = spec({
      findings: [
        { code: 'template-leftover', severity: 'error', line: 7, message: 'Sample task TXXX left in.' },
        { code: 'duplicate-id', severity: 'warning', line: 9, message: 'T001 twice.' },
      ],
    });
    const found = gatePlaceholders({ ...input({}), doc });
    expect(found).toEqual([
      {
        gate: 'placeholders',
        path: 'specs/001-demo/tasks.md',
        line: 7,
        message: 'Sample task TXXX left in.',
      },
    ]);
  });
});

describe('gatePlaceholders in tasks.md text', () => {
  test('lines the parser reported are not reported twice', () => {
    const doc = spec({
      findings: [{ code: 'template-leftover', severity: 'error', line: 1, message: 'Title placeholder.' }],
    });
    const tasksText = '# Tasks: [FEATURE NAME]\n- [ ] T001 Create {{thing}}\n';
    const found = gatePlaceholders({ ...input({}, tasksText), doc });
    expect(found.map(({ line, message }) => `${line} ${message}`)).toEqual([
      '1 Title placeholder.',
      '2 Placeholder left (template variable): {{thing}}',
    ]);
  });
});
