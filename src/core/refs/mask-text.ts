import { type Segment, splitCode, splitCodeSpans } from '../text/split-code.js';

/**
 * Blanks the parts of PR text a reader would not take as a task reference: code (fences and spans),
 * HTML comments, quoted lines and URLs. Blanked text becomes spaces so the words around it stay apart.
 */

const URL_PATTERN = /\bhttps?:\/\/\S+/g;
const QUOTE_PATTERN = /^ {0,3}>/;

/** Masks a Markdown text and returns its lines; quoted lines come back empty. */
export function maskMarkdown(text: string): string[] {
  return blankCode(splitCode(blankHtmlComments(text)))
    .split(/\r\n|\r|\n/)
    .map((line) => (QUOTE_PATTERN.test(line) ? '' : blankUrls(line)));
}

/** Masks one line of inline text (a title): code spans and URLs. */
export function maskLine(line: string): string {
  return blankUrls(blankCode(splitCodeSpans(line)));
}

function blankCode(segments: Segment[]): string {
  return segments.map((segment) => (segment.code ? blank(segment.text) : segment.text)).join('');
}

function blankUrls(line: string): string {
  return line.replace(URL_PATTERN, (url) => ' '.repeat(url.length));
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

// An unclosed comment hides the rest of the text, as GitHub renders it.
function blankHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, blank);
}
