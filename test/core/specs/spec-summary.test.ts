import { describe, expect, it } from '@jest/globals';
import { MAX_SUMMARY_CHARS, readSpecSummary } from '../../../src/core/specs/spec-summary.js';

const specKit = (intro: string) =>
  [
    '# Feature Specification: Billing',
    '',
    '**Feature Branch**: `002-billing`',
    '**Created**: 2025-01-02',
    '**Status**: Draft',
    '**Input**: User description: "Let customers pay invoices by card"',
    '',
    intro,
    '## User Scenarios & Testing *(mandatory)*',
    '',
    '### User Story 1 - Pay an invoice (Priority: P1)',
    '',
    'A customer opens an invoice and pays it.',
    '',
  ].join('\n');

describe('readSpecSummary', () => {
  it.each([
    [
      'the first paragraph before any section',
      specKit('Customers pay invoices by card.\n'),
      'Customers pay invoices by card.',
    ],
    ['spec-kit’s quoted Input when there is no intro', specKit(''), 'Let customers pay invoices by card'],
    [
      'prose after metadata lines in the same paragraph',
      '# Spec\n\n**Status**: Draft\nCustomers pay\ninvoices by card.\n',
      'Customers pay invoices by card.',
    ],
    [
      'Kiro’s Introduction section',
      '# Requirements Document\n\n## Introduction\n\nThis feature adds **billing**.\n\n## Requirements\n\nMore.\n',
      'This feature adds **billing**.',
    ],
    [
      'an Introduction heading written in bold',
      '# Requirements Document\n\n## **Overview**\n\nThis feature adds billing.\n\n## Requirements\n\nMore.\n',
      'This feature adds billing.',
    ],
    ['the paragraph after front matter', '---\ntitle: x\n---\n# Spec\n\nThe summary.\n', 'The summary.'],
    ['nothing from a later section', '# Spec\n\n## Details\n\nNot a summary.\n', null],
    ['nothing from an empty document', '', null],
  ])('takes %s', (_name, text, expected) => {
    expect(readSpecSummary(text)).toBe(expected);
  });

  it('cuts a long paragraph at a word, with an ellipsis', () => {
    const long = `# Spec\n\n${'word '.repeat(200)}\n`;
    const summary = readSpecSummary(long)!;
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS + 1);
    expect(summary.endsWith('word…')).toBe(true);
  });
});
