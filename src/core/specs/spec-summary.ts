import type { Paragraph, RootContent } from 'mdast';
import { parseMarkdown, sourceOf } from '../parse/markdown-tree.js';
import { headingText } from '../parse/walk-document.js';

/** Long enough for a sentence or two; the parent issue links the whole document. */
export const MAX_SUMMARY_CHARS = 300;

/** Headings whose first paragraph introduces the document (Kiro's `## Introduction`). */
const INTRODUCTION = /^(?:introduction|overview|summary|description|purpose)$/iu;
/** spec-kit's metadata lines: `**Feature Branch**: \`002-billing\``, `**Status:** Draft`. */
const METADATA_LINE = /^\s*\*\*[^*\n]+?(?::\*\*|\*\*\s*:)/u;
/** spec-kit's `**Input**: User description: "…"`, the request the spec was written from. */
const INPUT_LINE = /^\s*\*\*Input\*\*\s*:\s*(?:User description:\s*)?"([^"\n]+)"/mu;
const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/u;

/**
 * The spec's summary line, from spec.md (or Kiro's requirements.md): the first paragraph of prose before the
 * first section, or the first under an Introduction/Overview/Summary heading; else spec-kit's quoted
 * `**Input**` description. Metadata lines are not prose. One line, cut at a word past `MAX_SUMMARY_CHARS`.
 * Null when the document has none.
 */
export function readSpecSummary(markdown: string): string | null {
  const text = markdown.replace(FRONT_MATTER, '');
  const nodes = parseMarkdown(text).children;
  const paragraph = introParagraph(nodes, text);
  const found = paragraph ?? INPUT_LINE.exec(text)?.[1] ?? null;
  return found === null ? null : oneLine(found);
}

function introParagraph(nodes: readonly RootContent[], text: string): string | null {
  let introducing = true;
  for (const node of nodes) {
    if (node.type === 'heading') {
      if (node.depth > 1) introducing = INTRODUCTION.test(headingText(sourceOf(text, node)));
      continue;
    }
    if (!introducing || node.type !== 'paragraph') continue;
    const prose = proseOf(node, text);
    if (prose !== null) return prose;
  }
  return null;
}

/** The paragraph's source without its metadata lines; null when nothing else is left. */
function proseOf(node: Paragraph, text: string): string | null {
  const lines = sourceOf(text, node)
    .split('\n')
    .filter((line) => !METADATA_LINE.test(line));
  const prose = lines.join(' ').trim();
  return prose === '' ? null : prose;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat.length <= MAX_SUMMARY_CHARS) return flat;
  const cut = flat.slice(0, MAX_SUMMARY_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_SUMMARY_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
