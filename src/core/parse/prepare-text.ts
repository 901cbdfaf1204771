import matter from 'gray-matter';
import type { Finding } from '../model.js';

/**
 * Larger texts are refused: GitHub's contents API inlines files only up to 1 MB, and no hand-kept task
 * list comes near this; parsing one would hold a worker for a long time.
 */
export const MAX_TEXT_LENGTH = 4_000_000;
/** List indentation beyond this many columns is cut back before parsing (about 60 levels of nesting). */
export const MAX_INDENT = 120;

export interface PreparedText {
  /** The text to parse: BOM removed, frontmatter blanked out (same line count), deep indentation cut. */
  text: string;
  frontmatter: Record<string, unknown>;
  findings: Finding[];
  /** False when the input is not text a parser should read. */
  readable: boolean;
}

const FRONTMATTER = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

function notText(text: string): boolean {
  if (text.includes('\u0000')) return true;
  let replaced = 0;
  for (const char of text) if (char === '\ufffd') replaced += 1;
  return replaced >= 8 && replaced * 50 >= text.length;
}

function readFrontmatter(block: string, findings: Finding[]): Record<string, unknown> {
  try {
    const data: unknown = matter(block, {}).data;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    findings.push({
      code: 'bad-frontmatter',
      severity: 'warning',
      line: 1,
      message: `The frontmatter is not valid YAML (${reason}); it was ignored. Fix the YAML between the --- lines.`,
    });
    return {};
  }
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/** Cuts list indentation past MAX_INDENT: deeply nested lists make the Markdown parser slow down sharply. */
function limitIndent(text: string, findings: Finding[]): string {
  const deep = new RegExp(`^[ \\t]{${MAX_INDENT + 1},}(?=(?:[-*+]|\\d+[.)])[ \\t])`, 'gm');
  const firstDeep = deep.exec(text);
  if (!firstDeep) return text;
  findings.push({
    code: 'nesting-too-deep',
    severity: 'warning',
    line: text.slice(0, firstDeep.index).split('\n').length,
    message: `Lists are nested deeper than spec-sync reads (more than ${MAX_INDENT} columns); deeper items were read at that depth.`,
  });
  return text.replace(deep, ' '.repeat(MAX_INDENT));
}

function refuse(message: string, code: string): PreparedText {
  return {
    text: '',
    frontmatter: {},
    findings: [{ code, severity: 'error', line: 1, message }],
    readable: false,
  };
}

export function prepareText(raw: string): PreparedText {
  const text = raw.startsWith('\ufeff') ? raw.slice(1) : raw;
  if (text.length > MAX_TEXT_LENGTH) {
    return refuse(
      `The file has ${text.length} characters, over the ${MAX_TEXT_LENGTH} spec-sync reads.`,
      'too-large',
    );
  }
  if (notText(text))
    return refuse(
      'The file is not UTF-8 text (NUL bytes or undecodable bytes); nothing was read.',
      'not-text',
    );
  const findings: Finding[] = [];
  const block = FRONTMATTER.exec(text);
  const frontmatter = block ? readFrontmatter(block[0], findings) : {};
  const body = block ? blank(block[0]) + text.slice(block[0].length) : text;
  return { text: limitIndent(body, findings), frontmatter, findings, readable: true };
}
