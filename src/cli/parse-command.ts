import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { SpecDocument } from '../core/model.js';
import { parseTasks } from '../core/parse/parse-tasks.js';

/** What `runParse` needs from the outside world; tests pass a fake. */
export interface ParseIo {
  readFile(path: string): Promise<Uint8Array>;
  out(text: string): void;
  err(text: string): void;
}

export const nodeParseIo: ParseIo = {
  readFile: (path) => readFile(path),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

const TITLE_WIDTH = 60;
/** Invalid bytes become U+FFFD rather than an error, so the parser can report `not-text`. */
const decoder = new TextDecoder('utf-8', { fatal: false });

function cell(text: string, width: number): string {
  const short = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return short.padEnd(width);
}

/** `8 tasks, 1 optional`: optional tasks are listed but, as in `check`, not counted towards progress. */
function countTasks(document: SpecDocument): string {
  const optional = document.tasks.filter((task) => task.optional).length;
  return `${document.tasks.length} tasks${optional > 0 ? `, ${optional} optional` : ''}`;
}

export function renderTable(document: SpecDocument): string {
  const idWidth = Math.max(2, ...document.tasks.map((task) => task.id.length));
  const phaseWidth = Math.max(5, ...document.tasks.map((task) => (task.phase ?? '-').length));
  const rows = document.tasks.map((task) =>
    [
      cell(task.id, idWidth),
      cell(task.status, 11),
      cell(String(task.line), 5),
      cell(task.phase ?? '-', phaseWidth),
      cell(task.title, TITLE_WIDTH).trimEnd(),
    ].join('  '),
  );
  const header = [
    cell('ID', idWidth),
    cell('STATUS', 11),
    cell('LINE', 5),
    cell('PHASE', phaseWidth),
    'TITLE',
  ];
  const findings = document.findings.map((f) => `  line ${f.line}: ${f.severity} ${f.code}: ${f.message}`);
  return [
    `${document.path} (${document.dialect}, ${countTasks(document)}, ${document.phases.length} phases)`,
    header.join('  '),
    ...rows,
    ...(findings.length > 0 ? ['Findings:', ...findings] : []),
  ].join('\n');
}

async function readDocument(path: string, io: ParseIo): Promise<SpecDocument | null> {
  try {
    const bytes = await io.readFile(path);
    return parseTasks(decoder.decode(bytes), { path });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.err(`spec-sync parse: cannot read ${path}: ${reason}`);
    return null;
  }
}

/**
 * Parses each file and prints it: a table per file, or with `json` one pretty JSON document for a single
 * file and one JSON document per line (NDJSON) for several. Returns the exit code: 1 if a file could not be read.
 */
export async function runParse(
  files: string[],
  options: { json: boolean },
  io: ParseIo = nodeParseIo,
): Promise<number> {
  let exitCode = 0;
  for (const path of files) {
    const document = await readDocument(path, io);
    if (!document) {
      exitCode = 1;
      continue;
    }
    if (!options.json) io.out(`${renderTable(document)}\n`);
    else io.out(files.length === 1 ? JSON.stringify(document, null, 2) : JSON.stringify(document));
  }
  return exitCode;
}

export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .description('Read tasks.md files and print their tasks, phases and findings')
    .argument('<file...>', 'tasks.md files to read')
    .option('--json', 'print the spec model as JSON (NDJSON when several files)', false)
    .action(async (files: string[], options: { json: boolean }) => {
      process.exitCode = await runParse(files, { json: options.json });
    });
}
