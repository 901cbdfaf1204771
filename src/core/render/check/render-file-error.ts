import {
  type Annotation,
  clip,
  MAX_ANNOTATION_MESSAGE_CHARS,
  MAX_CHECK_OUTPUT_CHARS,
} from './check-limits.js';

export interface ConfigErrorInput {
  path: string;
  text: string;
  issues: Array<{ path: Array<string | number>; message: string }>;
}

export interface FailureOutput {
  title: string;
  summary: string;
  annotations: Annotation[];
}

/** A failing output for an invalid `.github/spec-sync.yml`, each problem annotated at its key's line. */
export function renderConfigError(input: ConfigErrorInput): FailureOutput {
  const annotations = input.issues.map((issue) => {
    const line = findKeyLine(input.text, issue.path);
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return annotation(input.path, line, `${where}${issue.message}`, 'Invalid spec-sync config');
  });
  const list = input.issues.map((issue) => `- \`${issue.path.join('.') || '(file)'}\`: ${issue.message}`);
  return {
    title: `Invalid ${input.path}: ${input.issues.length} problem${input.issues.length === 1 ? '' : 's'}`,
    summary: clip(
      `spec-sync did not run: fix the config and push again.\n\n${list.join('\n')}`,
      MAX_CHECK_OUTPUT_CHARS,
    ),
    annotations,
  };
}

/** A failing output for a task file that could not be read or parsed. */
export function renderFileError(input: { path: string; message: string; line?: number }): FailureOutput {
  return {
    title: `Cannot check ${input.path}`,
    summary: clip(`spec-sync could not check this spec: ${input.message}`, MAX_CHECK_OUTPUT_CHARS),
    annotations: [annotation(input.path, input.line ?? 1, input.message, 'Cannot check the spec')],
  };
}

function annotation(path: string, line: number, message: string, title: string): Annotation {
  return {
    path,
    start_line: line,
    end_line: line,
    annotation_level: 'failure',
    message: clip(message, MAX_ANNOTATION_MESSAGE_CHARS),
    title,
  };
}

/**
 * The 1-based line of a key path in YAML text, found by indentation: each key is looked for inside the block
 * of the previous one; a number picks the n-th `- ` item. Falls back to the deepest key found, then line 1.
 */
export function findKeyLine(text: string, path: ReadonlyArray<string | number>): number {
  const lines = text.split(/\r?\n/);
  let line = 1;
  let start = 0;
  let end = lines.length;
  let parentIndent = -1;
  for (const key of path) {
    const found =
      typeof key === 'number'
        ? findItem(lines, start, end, parentIndent, key)
        : findKey(lines, start, end, parentIndent, key);
    if (found === null) break;
    line = found.index + 1;
    parentIndent = found.indent;
    start = found.index + 1;
    end = blockEnd(lines, start, found.indent);
  }
  return line;
}

type Found = { index: number; indent: number } | null;

function findKey(lines: string[], start: number, end: number, parentIndent: number, key: string): Found {
  const pattern = new RegExp(`^(\\s*)(?:-\\s+)?(['"]?)${escapeRegExp(key)}\\2\\s*:(\\s|$)`);
  for (let index = start; index < end; index++) {
    const match = pattern.exec(lines[index]!);
    if (match && match[1]!.length > parentIndent) return { index, indent: match[1]!.length };
  }
  return null;
}

function findItem(
  lines: string[],
  start: number,
  end: number,
  parentIndent: number,
  position: number,
): Found {
  let seen = 0;
  for (let index = start; index < end; index++) {
    const match = /^(\s*)-(\s|$)/.exec(lines[index]!);
    if (!match || match[1]!.length <= parentIndent - 1) continue;
    if (seen === position) return { index, indent: match[1]!.length };
    seen++;
  }
  return null;
}

function blockEnd(lines: string[], start: number, indent: number): number {
  for (let index = start; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if ((/^\s*/.exec(line)?.[0].length ?? 0) <= indent && !/^\s*-(\s|$)/.test(line)) return index;
  }
  return lines.length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
