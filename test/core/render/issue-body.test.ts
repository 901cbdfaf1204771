import { describe, expect, it } from '@jest/globals';
import {
  BODY_BEGIN,
  BODY_END,
  MAX_ISSUE_BODY_LENGTH,
  mergeIssueBody,
  normaliseBody,
  sameBody,
} from '../../../src/core/render/issue/issue-body.js';
import { type IssueMarker, readIssueMarker } from '../../../src/core/render/issue/issue-marker.js';

const marker: IssueMarker = { kind: 'task', spec: 'specs/a', id: 'T1', titleHash: 'h' };
const markerLine = '<!-- spec-sync:task {"spec":"specs/a","id":"T1","titleHash":"h"} -->';
const block = (section: string) => `${BODY_BEGIN}\n${markerLine}\n${section}\n${BODY_END}`;

describe('mergeIssueBody', () => {
  it.each<[string, string | null, string]>([
    ['no body yet', null, block('new')],
    ['empty body', '', block('new')],
    ['only whitespace', ' \n', block('new')],
    ['replaces the old section', block('old'), block('new')],
    [
      'keeps text before and after byte for byte, CRLF included',
      `Intro  \r\n\r\n${block('old')}\r\n\r\n- [ ] my own list\r\n`,
      `Intro  \r\n\r\n${block('new')}\r\n\r\n- [ ] my own list\r\n`,
    ],
    [
      'section missing: appended after a blank line',
      'A person wrote this',
      `A person wrote this\n\n${block('new')}`,
    ],
    ['section missing, text ends with a newline', 'Text\n', `Text\n\n${block('new')}`],
    [
      'begin without end: everything kept as the person’s',
      `${BODY_BEGIN}\nold text`,
      `\nold text\n\n${block('new')}`,
    ],
    [
      'a marker of ours outside the section is dropped',
      `note ${markerLine} end\n${block('old')}`,
      `note  end\n${block('new')}`,
    ],
  ])('%s', (_name, existing, expected) => {
    expect(mergeIssueBody(existing, 'new', marker)).toBe(expected);
  });

  it('leaves exactly one readable marker', () => {
    const body = mergeIssueBody(`x ${markerLine}`, 'new', { ...marker, titleHash: 'h2' });
    expect(body.match(/spec-sync:task/g)).toHaveLength(1);
    expect(readIssueMarker(body)).toEqual({ ...marker, titleHash: 'h2' });
  });

  it('cuts a section that would pass the body limit, with a note, and keeps the person’s text', () => {
    const human = `${'h'.repeat(1000)}\n\n`;
    const section = 'line of text\n'.repeat(6000);
    const body = mergeIssueBody(`${human}${block('old')}`, section, marker);
    expect(body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY_LENGTH);
    expect(body.startsWith(human)).toBe(true);
    expect(body).toContain('Cut to fit the 65536-character limit');
    expect(body.endsWith(BODY_END)).toBe(true);
    expect(readIssueMarker(body)).toEqual(marker);
  });

  it('does not split an emoji when cutting', () => {
    const section = '🚧'.repeat(40_000);
    const body = mergeIssueBody(null, section, marker);
    expect(body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY_LENGTH);
    expect(body).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('sameBody', () => {
  it.each<[string, string | null, string | null, boolean]>([
    ['CRLF against LF', 'a\r\nb', 'a\nb', true],
    ['trailing newlines', 'a\n\n', 'a', true],
    ['null and empty', null, '', true],
    ['different text', 'a', 'b', false],
    ['leading space matters', ' a', 'a', false],
  ])('%s', (_name, a, b, expected) => {
    expect(sameBody(a, b)).toBe(expected);
  });

  it('normalises lone CR too', () => {
    expect(normaliseBody('a\rb')).toBe('a\nb');
  });
});
