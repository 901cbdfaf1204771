import { describe, expect, it } from '@jest/globals';
import { defaultConfig } from '../../../src/config/schema.js';
import {
  desiredLabels,
  fitLabelName,
  isOwnedLabel,
  labelColor,
  labelDescription,
  labelKind,
  MAX_LABEL_NAME_LENGTH,
  sameLabels,
  specLabel,
  specNameOf,
} from '../../../src/core/plan/issue-labels.js';
import { makeDoc, makePhase, makeTask } from './issue-fixtures.js';

const labels = defaultConfig.issues.labels;
const phases = [
  makePhase({ id: 'phase-2', number: '2', name: 'Foundational', line: 5 }),
  makePhase({ id: 'polish-and-cross-cutting', name: 'Polish & Cross-Cutting', line: 40 }),
];
const doc = makeDoc([], phases);

describe('desiredLabels', () => {
  it.each([
    ['a bare task', {}, ['spec:002-billing']],
    ['numbered phase', { phase: 'phase-2' }, ['spec:002-billing', 'phase:2']],
    [
      'unnumbered phase: slug of its name',
      { phase: 'polish-and-cross-cutting' },
      ['spec:002-billing', 'phase:polish-cross-cutting'],
    ],
    ['unknown phase id: the id', { phase: 'phase-9' }, ['spec:002-billing', 'phase:phase-9']],
    ['story and parallel', { story: 'US1', parallel: true }, ['spec:002-billing', 'story:US1', 'parallel']],
    ['in progress', { status: 'in_progress' as const }, ['spec:002-billing', 'in progress']],
    ['blocked', { status: 'blocked' as const }, ['spec:002-billing', 'blocked']],
    ['done: no status label', { status: 'done' as const, parallel: true }, ['spec:002-billing', 'parallel']],
  ])('%s', (_name, fields, expected) => {
    const task = makeTask({ id: 'T1', title: 'x', line: 1, ...fields });
    expect(desiredLabels(task, doc, '002-billing', labels)).toEqual(expected);
  });

  it('leaves out kinds whose pattern is empty', () => {
    const task = makeTask({ id: 'T1', title: 'x', line: 1, phase: 'phase-2', story: 'US1', parallel: true });
    const config = { ...labels, phase: '', story: '', parallel: '' };
    expect(desiredLabels(task, doc, '002-billing', config)).toEqual(['spec:002-billing']);
  });
});

describe('label names', () => {
  it('takes the spec name from the directory’s last part', () => {
    expect(specNameOf('specs/002-billing/')).toBe('002-billing');
    expect(specNameOf('.kiro/specs/site-survey')).toBe('site-survey');
  });

  it('keeps short names as they are', () => {
    expect(fitLabelName('spec:002-billing')).toBe('spec:002-billing');
  });

  it('cuts long names to 50 characters, and two long names sharing a start stay apart', () => {
    const a = specLabel(`001-${'a'.repeat(60)}-one`, labels);
    const b = specLabel(`001-${'a'.repeat(60)}-two`, labels);
    expect(Array.from(a)).toHaveLength(MAX_LABEL_NAME_LENGTH);
    expect(Array.from(b)).toHaveLength(MAX_LABEL_NAME_LENGTH);
    expect(a.startsWith('spec:001-aaaa')).toBe(true);
    expect(a).toContain('…');
    expect(a).not.toBe(b);
    expect(isOwnedLabel(a, labels)).toBe(true);
  });
});

describe('labelKind, colours and descriptions', () => {
  it.each([
    ['spec:002-billing', 'spec', '5319e7'],
    ['Spec:002-Billing', 'spec', '5319e7'],
    ['phase:3.1', 'phase', '1d76db'],
    ['story:US2', 'story', 'fbca04'],
    ['parallel', 'parallel', 'c2e0c6'],
    ['In Progress', 'in-progress', '0e8a16'],
    ['blocked', 'blocked', 'd93f0b'],
    ['bug', null, 'ededed'],
    ['spec:', null, 'ededed'],
    ['blocked-by-legal', null, 'ededed'],
  ])('%s', (name, kind, color) => {
    expect(labelKind(name, labels)).toBe(kind);
    expect(labelColor(name, labels)).toBe(color);
    expect(labelColor(name, labels)).toMatch(/^[0-9a-f]{6}$/);
    expect(labelDescription(name, labels).length).toBeLessThanOrEqual(100);
  });

  it('describes each kind', () => {
    expect(labelDescription('spec:x', labels)).toContain('spec');
    expect(labelDescription('blocked', labels)).toContain('blocked');
  });

  it('does not claim every label when a pattern is only a placeholder', () => {
    expect(isOwnedLabel('bug', { ...labels, spec: '{spec}' })).toBe(false);
  });

  it('matches patterns with the placeholder in the middle', () => {
    expect(labelKind('team-2-phase', { ...labels, phase: 'team-{phase}-phase' })).toBe('phase');
    expect(labelKind('team-2', { ...labels, phase: 'team-{phase}-phase' })).toBe(null);
  });
});

describe('sameLabels', () => {
  it.each([
    [['a', 'b'], ['b', 'a'], true],
    [['Blocked'], ['blocked'], true],
    [['a'], ['a', 'b'], false],
    [[], [], true],
  ])('%j vs %j', (a, b, expected) => {
    expect(sameLabels(a, b)).toBe(expected);
  });
});
