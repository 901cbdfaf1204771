import { describe, expect, it } from '@jest/globals';
import { safeCheckOutput } from '../../../src/core/render/check/safe-check-output.js';
import { MAX_CHECK_OUTPUT_CHARS, MAX_CHECK_TITLE_CHARS } from '../../../src/core/render/github-limits.js';
import { renderTemplate, trusted } from '../../../src/core/render/render-template.js';

const J = '\u2060';

const output = (over: Partial<Parameters<typeof safeCheckOutput>[0]> = {}) => ({
  title: 'T001 for @alice (#1)',
  summary: '| T001 | ping @acme/team <b>x</b> |',
  text: '- `tasks.md:3` see [x](javascript:alert(1)) and #2',
  annotations: [
    {
      path: 'tasks.md',
      start_line: 3,
      end_line: 3,
      annotation_level: 'failure' as const,
      message: 'Ask @bob about GH-3 <i>now</i>',
      title: 'spec-sync: @carol',
    },
  ],
  ...over,
});

describe('safeCheckOutput', () => {
  it('makes every field inert: Markdown for summary and details, plain for title and annotations', () => {
    const safe = safeCheckOutput(output());
    expect(safe.title).toBe(`T001 for @${J}alice (#${J}1)`);
    expect(safe.summary).toBe(`| T001 | ping @${J}acme/team &lt;b>x&lt;/b> |`);
    expect(safe.text).toBe(`- \`tasks.md:3\` see [x]\\(javascript:alert(1)) and #${J}2`);
    expect(safe.annotations[0]!.message).toBe(`Ask @${J}bob about GH-${J}3 <i>now</i>`);
    expect(safe.annotations[0]!.title).toBe(`spec-sync: @${J}carol`);
  });

  it('changes nothing the second time, so a report compares equal to what GitHub holds', () => {
    const once = safeCheckOutput(output());
    expect(safeCheckOutput(once)).toEqual(once);
  });

  it('keeps each field within its limit when the rule lengthens it', () => {
    const safe = safeCheckOutput(
      output({ title: '@a '.repeat(MAX_CHECK_TITLE_CHARS / 3), summary: '<'.repeat(MAX_CHECK_OUTPUT_CHARS) }),
    );
    expect(safe.title.length).toBeLessThanOrEqual(MAX_CHECK_TITLE_CHARS);
    expect(safe.summary.length).toBeLessThanOrEqual(MAX_CHECK_OUTPUT_CHARS);
  });
});

describe('renderTemplate and the text rule', () => {
  it('neutralises every value, deep in lists, but not trusted text or the template itself', () => {
    const out = renderTemplate('test', '<sub>{{a}}</sub> {{#each list}}[{{name}}] {{/each}}{{link}}', {
      a: '@alice',
      list: [{ name: '#5 <b>' }],
      link: trusted('#12'),
    });
    expect(out).toBe(`<sub>@${J}alice</sub> [#${J}5 &lt;b>] #12`);
  });

  it('keeps mentions live when allowed, references inert still; plain fields are not escaped', () => {
    expect(renderTemplate('test', '{{a}}', { a: '@alice #5 <b>' }, { allowMentions: true })).toBe(
      `@alice #${J}5 &lt;b>`,
    );
    expect(renderTemplate('test', '{{a}}', { a: '@alice <b>' }, { plain: true })).toBe(`@${J}alice <b>`);
  });
});
