import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** Built once: every parse shares the same frozen processor. */
const processor = unified().use(remarkParse).use(remarkGfm).freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** The source text of a node, by its offsets (never re-serialised). */
export function sourceOf(
  text: string,
  node: { position?: { start: { offset?: number }; end: { offset?: number } } },
): string {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  return text.slice(start, end);
}

export function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}
