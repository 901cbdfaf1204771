import { describe, expect, it } from '@jest/globals';
import { fitWithNote } from '../../../src/core/render/github-limits.js';

describe('fitWithNote: text fitted to a GitHub limit', () => {
  it('leaves text within the limit as it is', () => {
    expect(fitWithNote('abc', 3, '…')).toBe('abc');
  });

  it('cuts to the limit, note included', () => {
    const fitted = fitWithNote('abcdefghij', 6, '…');
    expect(fitted).toBe('abcde…');
    expect(fitted).toHaveLength(6);
  });

  it('cuts at a line break in the second half when asked', () => {
    expect(fitWithNote('line one\nline two\nline three', 24, ' [cut]', { atLine: true })).toBe(
      'line one\nline two [cut]',
    );
  });

  it('never splits a surrogate pair', () => {
    const fitted = fitWithNote('ab🚀cd', 4, '…');
    expect(fitted).toBe('ab…');
    // A lone high surrogate would survive a round trip through UTF-8 only as U+FFFD.
    expect(Buffer.from(fitted, 'utf8').toString('utf8')).toBe(fitted);
  });
});
