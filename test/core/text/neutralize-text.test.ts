import { describe, expect, test } from '@jest/globals';
import { JOINER, neutralizeMarkdown, neutralizePlainText } from '../../../src/core/text/neutralize-text.js';

const J = JOINER;

describe('neutralizeMarkdown: no pings, no cross-references', () => {
  test.each<[string, string, string]>([
    ['a user mention', 'hey @alice, look', `hey @${J}alice, look`],
    ['a team mention', 'cc @acme/everyone', `cc @${J}acme/everyone`],
    ['a mention at the start', '@bob fix this', `@${J}bob fix this`],
    ['a mention in emphasis', '**@carol**', `**@${J}carol**`],
    ['an e-mail address is not a mention', 'mail a@b.com', 'mail a@b.com'],
    ['a lone @ stays', 'meet @ noon', 'meet @ noon'],
    ['an issue reference', 'see #123', `see #${J}123`],
    ['a cross-repository reference', 'acme/other#2', `acme/other#${J}2`],
    ['a GH- reference', 'GH-7 again', `GH-${J}7 again`],
    ['a heading marker is not a reference', '# Title', '# Title'],
    ['a word after # is not a reference', '#hashtag', '#hashtag'],
    ['an HTML entity keeps its #', '&#123;', '&#123;'],
    ['a URL fragment is left alone', 'https://x.test/a#12 @x', `https://x.test/a#12 @${J}x`],
    ['a URL with an @ is left alone', 'https://x.test/@alice/p', 'https://x.test/@alice/p'],
    ['a code span is left as written', 'run `@alice #1 <b>` now', 'run `@alice #1 <b>` now'],
    ['a double-backtick span holding a backtick', '``a ` @x`` @y', `\`\`a \` @x\`\` @${J}y`],
    ['an unmatched backtick is prose', '`@alice', `\`@${J}alice`],
    [
      'a fenced block is left as written',
      'a @x\n```\n@y #2 <b>\n```\n@z',
      `a @${J}x\n\`\`\`\n@y #2 <b>\n\`\`\`\n@${J}z`,
    ],
    ['an unclosed fence runs to the end', '~~~\n@y\n', '~~~\n@y\n'],
  ])('%s', (_name, input, expected) => {
    expect(neutralizeMarkdown(input)).toBe(expected);
  });

  test('with mentions allowed, mentions stay live but references are still neutralised', () => {
    expect(neutralizeMarkdown('@alice see #4', { allowMentions: true })).toBe(`@alice see #${J}4`);
  });
});

describe('neutralizeMarkdown: raw HTML shows as written', () => {
  test.each<[string, string, string]>([
    ['generic types survive visibly', 'Return Result<T, E>', 'Return Result&lt;T, E>'],
    ['a tag is escaped', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)>'],
    ['a comment is escaped', '<!-- hidden -->', '&lt;!-- hidden -->'],
    [
      'a link tag with a script URL is inert',
      '<a href="javascript:x">y</a>',
      '&lt;a href="javascript:x">y&lt;/a>',
    ],
    ['a quote marker stays', '> quoted', '> quoted'],
    ['HTML in a code span is untouched', '`Result<T, E>`', '`Result<T, E>`'],
  ])('%s', (_name, input, expected) => {
    expect(neutralizeMarkdown(input)).toBe(expected);
  });
});

describe('neutralizeMarkdown: no javascript: or data: links', () => {
  test.each<[string, string, string]>([
    ['a javascript: link shows as text', '[x](javascript:alert(1))', '[x]\\(javascript:alert(1))'],
    ['upper case and blanks', '[x]( JaVaScRiPt:alert(1))', '[x]\\( JaVaScRiPt:alert(1))'],
    ['an entity-encoded scheme', '[x](&#106;avascript:alert(1))', '[x]\\(&#106;avascript:alert(1))'],
    ['a hex entity and &colon;', '[x](java&#x73;cript&colon;x)', '[x]\\(java&#x73;cript&colon;x)'],
    ['a data: image', '![i](data:text/html;base64,PHA+)', '![i]\\(data:text/html;base64,PHA+)'],
    ['a vbscript: link', '[x](vbscript:msgbox)', '[x]\\(vbscript:msgbox)'],
    ['an angle-bracket destination', '[x](<javascript:x>)', '[x]\\(&lt;javascript:x>)'],
    ['a reference definition', '[x]: javascript:alert(1)', '\\[x]: javascript:alert(1)'],
    ['an https link stays a link', '[docs](https://x.test/a_(b))', '[docs](https://x.test/a_(b))'],
    ['a relative link stays', '[spec](./spec.md)', '[spec](./spec.md)'],
    ['a safe reference definition stays', '[x]: https://x.test', '[x]: https://x.test'],
  ])('%s', (_name, input, expected) => {
    expect(neutralizeMarkdown(input)).toBe(expected);
  });
});

describe('neutralizePlainText (titles)', () => {
  test.each<[string, string, string]>([
    ['mentions and references', 'T001 ping @alice about #3', `T001 ping @${J}alice about #${J}3`],
    ['angle brackets are not escaped in plain text', 'Add Result<T, E>', 'Add Result<T, E>'],
    ['backticks do not protect in a title', '`@x`', `\`@${J}x\``],
  ])('%s', (_name, input, expected) => {
    expect(neutralizePlainText(input)).toBe(expected);
  });
});

describe('neutralizeMarkdown stays linear on hostile text', () => {
  test('200,000 backticks, brackets and @ signs come back with the same visible text', () => {
    const hostile = '`'.repeat(1000) + ' ` '.repeat(50_000) + '[]('.repeat(50_000) + '@'.repeat(50_000);
    const out = neutralizeMarkdown(hostile);
    expect(out.replaceAll(J, '')).toBe(hostile);
  });
});

test('control characters inside a scheme do not hide it', () => {
  expect(neutralizeMarkdown('[x](java\u0001script:x)')).toBe('[x]\\(java\u0001script:x)');
});
