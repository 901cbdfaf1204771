import { describe, expect, test } from '@jest/globals';
import { fitRendering } from '../../../src/core/render/check/check-limits.js';

const NOTE = '\n\n… output cut at GitHub’s size limit';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

describe('fitRendering', () => {
  test('the largest number of rows that fits is shown', () => {
    const render = (limit: number) => 'row\n'.repeat(limit);
    expect(fitRendering(render, 100, 40)).toBe('row\n'.repeat(10));
  });

  test('when no row count fits, the text is cut with a note, never splitting an emoji', () => {
    const render = () => '🚀'.repeat(50);
    const odd = NOTE.length + 21;
    const fitted = fitRendering(render, 10, odd);
    expect(fitted.length).toBeLessThanOrEqual(odd);
    expect(fitted.endsWith(NOTE)).toBe(true);
    expect(fitted).not.toMatch(LONE_SURROGATE);
    expect(fitted).toBe(`${'🚀'.repeat(10)}${NOTE}`);
  });
});
