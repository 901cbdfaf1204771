import { splitCode } from './split-code.js';

export interface NeutralizeOptions {
  /** Keep `@login` and `@org/team` live (config for teams that want mentions); `#123` is neutralised anyway. */
  allowMentions?: boolean;
}

/**
 * U+2060 WORD JOINER: invisible, and it breaks GitHub's `@login` and `#123` patterns, so the text reads the
 * same but notifies no one and links nothing.
 */
export const JOINER = '\u2060';

// GitHub logins: letters, digits and single hyphens, up to 39 characters; `@org/team` names a team.
// Not after a word character (`a@b.com` is an address) or another `@`, `/` or `.`.
const MENTION = /(?<![\w@/.])@(?=[A-Za-z0-9])/g;
// `#123`, `owner/repo#123` and `GH-123` link to issues; not `&#123;`, an HTML entity.
const ISSUE_REF = /(?<!&)#(?=\d)|\bGH-(?=\d)/gi;
const URL = /\b(?:https?:\/\/|www\.)[^\s<]+/gi;
const UNSAFE_SCHEME = /^(?:javascript|data|vbscript):/;
// An inline link or image destination `](…)`, with one level of balanced parentheses.
const LINK_DESTINATION = /\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)/g;
// A link reference definition `[label]: destination` at the start of a line.
const REFERENCE_DEFINITION = /^( {0,3})\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)/gm;

/**
 * The one rule for every text spec-sync writes from text others wrote (task titles, PR text, commit
 * messages) into issue bodies, comments and check runs: outside code, mentions and issue references are
 * made inert, raw HTML is escaped so it shows as written (`Result<T, E>`), and `javascript:`/`data:`/
 * `vbscript:` links are shown as text instead of links. Code spans and fenced blocks are left as written:
 * GitHub neither notifies, links nor renders HTML inside them.
 */
export function neutralizeMarkdown(markdown: string, options: NeutralizeOptions = {}): string {
  return splitCode(markdown)
    .map((segment) => (segment.code ? segment.text : neutralizeProse(segment.text, options)))
    .join('');
}

/** For plain-text fields (issue and check-run titles): mentions and references only, nothing escaped. */
export function neutralizePlainText(text: string, options: NeutralizeOptions = {}): string {
  return outsideUrls(text, (part) => neutralizeReferences(part, options));
}

function neutralizeProse(text: string, options: NeutralizeOptions): string {
  const safeLinks = text
    .replace(LINK_DESTINATION, unsafeLinkAsText)
    .replace(REFERENCE_DEFINITION, unsafeDefinitionAsText);
  return outsideUrls(safeLinks.replaceAll('<', '&lt;'), (part) => neutralizeReferences(part, options));
}

function neutralizeReferences(text: string, options: NeutralizeOptions): string {
  const refs = text.replace(ISSUE_REF, (found) => `${found}${JOINER}`);
  return options.allowMentions ? refs : refs.replace(MENTION, `@${JOINER}`);
}

/** Applies `rule` to the text between URLs; a URL's own `#123` or `@` is part of an address, not a reference. */
function outsideUrls(text: string, rule: (part: string) => string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(URL)) {
    out += rule(text.slice(from, match.index)) + match[0];
    from = match.index + match[0].length;
  }
  return out + rule(text.slice(from));
}

// An escaped parenthesis ends the link syntax: `[x]\(javascript:…)` shows as text and links nowhere.
function unsafeLinkAsText(found: string, destination: string): string {
  return isUnsafe(destination) ? `]\\${found.slice(1)}` : found;
}

function unsafeDefinitionAsText(found: string, indent: string, _label: string, destination: string): string {
  return isUnsafe(destination) ? `${indent}\\${found.slice(indent.length)}` : found;
}

/** Browsers ignore case, entities, blanks and control characters in a scheme: `JaVa&#115;cript :`. */
function isUnsafe(destination: string): boolean {
  const decoded = destination
    .replace(/^<|>$/g, '')
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000),
    )
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec) % 0x110000))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/\\/g, '')
    .replace(/\s/g, '')
    .toLowerCase();
  return UNSAFE_SCHEME.test(withoutControlCharacters(decoded));
}

function withoutControlCharacters(text: string): string {
  return [...text].filter((char) => char.charCodeAt(0) > 0x1f).join('');
}
