import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseTasks } from '../../src/core/parse/parse-tasks.js';

/**
 * The parser against the shared corpus of real tasks.md files (never copied into this repository).
 * `expectations.json` was written from reading the files: per file, the task count (and why, where it
 * differs from the number of boxes), spot-checked tasks, and finding codes that must appear.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const corpus = join(repoRoot, '..', 'shared', 'corpus');
const present = existsSync(corpus);
const expectations = JSON.parse(
  readFileSync(fileURLToPath(new URL('./expectations.json', import.meta.url)), 'utf8'),
) as Expectation[];

interface Spot {
  line: number;
  id: string;
  status: string;
  phase?: string;
}

interface Expectation {
  file: string;
  count: number;
  why: string;
  spots: Spot[];
  findings: string[];
}

function corpusFile(prefix: string): string {
  const name = readdirSync(corpus).find((file) => file.startsWith(`${prefix}__`));
  if (!name) throw new Error(`corpus file ${prefix} missing`);
  return name;
}

function repoPath(name: string): string {
  return name.split('__').slice(2).join('__').replaceAll('~', '/');
}

/**
 * An independent look at the file: lines with a box and an ID right after it, outside fenced code.
 * Every such line must come out of the parser as a task.
 */
function idBoxLines(text: string): number[] {
  const found: number[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((line, index) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence === null && marker) fence = marker[1]!;
    else if (fence !== null) {
      if (marker && marker[1]![0] === fence[0] && marker[1]!.length >= fence.length && !marker[2]!.trim())
        fence = null;
    } else if (
      /^\s*(?:[-*+]|\d+[.)])\s+\[[^\]\n]{1,12}\]\*?\s+(?:\*\*)?(?:T-?\d{3,}|Task-\d+|\d{1,3}\.)/.test(line)
    ) {
      found.push(index + 1);
    }
  });
  return found;
}

/** Boxes in (10)'s "Example (Reference Only)" section carry IDs but are examples, not tasks. */
const EXAMPLE_LINES: Record<string, number[]> = { '10': [20, 27, 28, 35, 42] };

if (!present) {
  describe('corpus conformance', () => {
    it.skip(`corpus not found at ${corpus}, skipping`, () => {});
  });
} else {
  describe.each(expectations)('corpus file $file', ({ file, count, why, spots, findings }) => {
    const name = corpusFile(file);
    const text = readFileSync(join(corpus, name), 'utf8');
    const document = parseTasks(text, { path: repoPath(name) });

    it(`reads ${count} tasks (${why})`, () => {
      expect(document.tasks).toHaveLength(count);
    });

    for (const spot of spots) {
      it(`task on line ${spot.line} is ${spot.id}, ${spot.status}${spot.phase ? ` in ${spot.phase}` : ''}`, () => {
        const task = document.tasks.find((candidate) => candidate.line === spot.line);
        expect(task).toMatchObject(spot);
      });
    }

    it('finds every box with an ID outside code', () => {
      const taskLines = new Set(document.tasks.map((task) => task.line));
      const examples = EXAMPLE_LINES[file] ?? [];
      const missing = idBoxLines(text).filter((line) => !taskLines.has(line) && !examples.includes(line));
      expect(missing).toEqual([]);
    });

    it(`reports ${findings.join(', ') || 'its findings'}`, () => {
      const codes = new Set(document.findings.map((finding) => finding.code));
      for (const code of findings) expect(codes).toContain(code);
    });
  });
}
