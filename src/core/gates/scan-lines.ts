/** A line of a Markdown file outside fenced code, with inline code spans blanked out. */
export interface ProseLine {
  /** 1-based. */
  line: number;
  text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The prose lines of a Markdown text. Fenced code is skipped because examples and templates quoted in code
 * are not the author's own content; a fence left open runs to the end of the file, as CommonMark says.
 */
export function proseLines(text: string): ProseLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const result: ProseLine[] = [];
  let fence: string | null = null;
  lines.forEach((raw, index) => {
    const opener = FENCE.exec(raw)?.[1];
    if (fence !== null) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && raw.trim() === opener) {
        fence = null;
      }
      return;
    }
    if (opener) {
      fence = opener;
      return;
    }
    result.push({ line: index + 1, text: raw.replace(/`[^`\n]*`/g, (span) => ' '.repeat(span.length)) });
  });
  return result;
}
