/** Offsets of line starts, counting `\r\n`, `\n` and a lone `\r` as one break each (as CommonMark does). */
export function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 13 && text.charCodeAt(index + 1) === 10) index += 1;
    if (char === 10 || char === 13) starts.push(index + 1);
  }
  return starts;
}

/** The 1-based line's text without its line break, and its offset; null past the end. */
export function lineAt(
  text: string,
  starts: readonly number[],
  line: number,
): { start: number; text: string } | null {
  const start = starts[line - 1];
  if (start === undefined || line < 1) return null;
  const end = starts[line] ?? text.length;
  return { start, text: text.slice(start, end).replace(/\r?\n$|\r$/, '') };
}
