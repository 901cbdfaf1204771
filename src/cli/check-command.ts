import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import { CONFIG_PATH } from '../config/load-config.js';
import { type Config, configSchema } from '../config/schema.js';
import { evaluateGates } from '../core/gates/evaluate-gates.js';
import { summarizeVerdict } from '../core/gates/summarize-verdict.js';
import type { GateReport } from '../core/gates/types.js';
import type { SpecDocument } from '../core/model.js';
import type { Annotation } from '../core/render/check/check-limits.js';
import { renderCheckOutput } from '../core/render/check/render-check.js';
import { findKeyLine } from '../core/render/check/render-file-error.js';
import { UNREADABLE_FINDINGS } from '../sync/shared/readable-spec.js';
import { findLocalSpecs, findRepositoryRoot, loadLocalSpec, type ParseTasks } from './load-local-spec.js';
import { resolveExtends } from './resolve-extends.js';

export interface CheckOptions {
  json?: boolean;
  format?: 'text' | 'github';
  /** A config file to use instead of the repository's `.github/spec-sync.yml`. */
  config?: string;
}

export interface CheckIo {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
  parse: ParseTasks;
}

/** A problem that stops a spec (or the whole run) from being checked; reported as an error. */
interface Problem {
  path: string;
  line: number;
  message: string;
}

/** Exit statuses, as docs/cli.md says: a gate at `error` failed; the input could not be checked. */
export const EXIT_GATE_FAILURE = 1;
export const EXIT_INPUT_ERROR = 2;

/** `spec-sync check`: the same gates as the check run, on files on disk. Resolves to the exit code. */
export async function runCheck(
  paths: readonly string[],
  options: CheckOptions,
  io: CheckIo,
): Promise<number> {
  const reports: GateReport[] = [];
  const problems: Problem[] = [];
  for (const path of paths.length ? paths : ['.']) {
    const target = resolve(io.cwd, path);
    if (!existsSync(target)) {
      problems.push({ path, line: 1, message: 'no such file or directory' });
      continue;
    }
    const root = findRepositoryRoot(target, io.cwd);
    const loaded = loadConfig(
      root,
      options.config === undefined ? undefined : resolve(io.cwd, options.config),
      io,
    );
    if ('problems' in loaded) {
      problems.push(...loaded.problems);
      continue;
    }
    checkTarget(root, target, loaded.config, io, reports, problems);
  }
  print(reports, problems, options, io);
  if (problems.length > 0) return EXIT_INPUT_ERROR;
  return reports.some((report) => report.conclusion === 'failure') ? EXIT_GATE_FAILURE : 0;
}

function checkTarget(
  root: string,
  target: string,
  config: Config,
  io: CheckIo,
  reports: GateReport[],
  problems: Problem[],
): void {
  const tasksPaths = findLocalSpecs(root, target, config.specs);
  if (tasksPaths.length === 0)
    io.err(`No task files under ${relative(io.cwd, target) || '.'} (globs: ${config.specs.join(', ')})`);
  for (const tasksPath of tasksPaths) {
    try {
      const spec = loadLocalSpec(root, tasksPath, io.parse);
      const unreadable = unreadableReason(spec.doc);
      if (unreadable) problems.push({ path: tasksPath, ...unreadable });
      else reports.push(evaluateGates(spec, config.gates));
    } catch (error) {
      problems.push({ path: tasksPath, line: 1, message: `cannot check: ${(error as Error).message}` });
    }
  }
}

/** As the app: a file that was not read as tasks fails, and so does one without a single task. */
function unreadableReason(doc: SpecDocument): { line: number; message: string } | null {
  const fatal = doc.findings.find((finding) => UNREADABLE_FINDINGS.has(finding.code));
  if (fatal) return { line: fatal.line, message: `cannot check: ${fatal.message}` };
  if (doc.tasks.length === 0)
    return { line: 1, message: 'no tasks found (no task lines such as `- [ ] T001 …`)' };
  return null;
}

function loadConfig(
  root: string,
  explicit: string | undefined,
  io: CheckIo,
): { config: Config } | { problems: Problem[] } {
  const file = explicit ?? join(root, CONFIG_PATH);
  const shown = explicit === undefined ? CONFIG_PATH : relative(root, explicit) || explicit;
  if (!existsSync(file)) {
    if (explicit !== undefined)
      return { problems: [{ path: shown, line: 1, message: 'config file not found' }] };
    return { config: configSchema.parse({}) };
  }
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 1;
    return { problems: [{ path: shown, line, message: `invalid YAML: ${(error as Error).message}` }] };
  }
  raw = resolveExtends(raw, { root, file, shown }, (message) => io.err(`notice ${message}`));
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return { config: result.data };
  return {
    problems: result.error.issues.map((issue) => {
      const keys = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
      return {
        path: shown,
        line: findKeyLine(text, keys),
        message: `config ${keys.join('.') || '(file)'}: ${issue.message}`,
      };
    }),
  };
}

function print(reports: GateReport[], problems: Problem[], options: CheckOptions, io: CheckIo): void {
  if (options.json) {
    io.out(JSON.stringify({ reports, problems }, null, 2));
    return;
  }
  const github = options.format === 'github';
  for (const problem of problems) {
    io.out(
      github
        ? workflowCommand('error', problem.path, problem.line, 'spec-sync', problem.message)
        : `${problem.path}:${problem.line}: error ${problem.message}`,
    );
  }
  for (const report of reports) {
    const output = renderCheckOutput(report, { template: '', issueUrls: {} });
    for (const annotation of output.annotations)
      io.out(github ? annotationCommand(annotation) : annotationLine(annotation));
    const verdict = `${report.tasksPath}: ${report.conclusion} · ${summarizeVerdict(report)}`;
    io.out(
      github
        ? `::notice file=${escapeProperty(report.tasksPath)},title=spec-sync::${escapeData(verdict)}`
        : verdict,
    );
  }
}

function annotationLine(annotation: Annotation): string {
  const level = annotation.annotation_level === 'failure' ? 'error' : annotation.annotation_level;
  const gate = annotation.title?.replace(/^spec-sync: /, '') ?? '';
  return `${annotation.path}:${annotation.start_line}: ${level} ${gate}: ${annotation.message}`;
}

function annotationCommand(annotation: Annotation): string {
  const level = annotation.annotation_level === 'failure' ? 'error' : annotation.annotation_level;
  return workflowCommand(
    level,
    annotation.path,
    annotation.start_line,
    annotation.title ?? 'spec-sync',
    annotation.message,
    annotation.end_line,
  );
}

function workflowCommand(
  level: string,
  file: string,
  line: number,
  title: string,
  message: string,
  endLine = line,
): string {
  const properties = [
    `file=${escapeProperty(file)}`,
    `line=${line}`,
    `endLine=${endLine}`,
    `title=${escapeProperty(title)}`,
  ];
  return `::${level} ${properties.join(',')}::${escapeData(message)}`;
}

/** GitHub Actions workflow-command escaping (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Properties also escape `:` and `,`, which separate them (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('Evaluate the phase gates of specs on disk (a spec directory, a tasks.md, or a repository)')
    .argument('[paths...]', 'spec directories, task files or repository roots', ['.'])
    .option('--json', 'print the gate reports as JSON')
    .addOption(
      new Option('--format <format>', 'text, or github for workflow commands')
        .choices(['text', 'github'])
        .default('text'),
    )
    .option('--config <file>', 'config file instead of .github/spec-sync.yml')
    .action(async (paths: string[], options: CheckOptions) => {
      const { parseTasks } = await import('../core/parse/parse-tasks.js');
      const io: CheckIo = {
        out: (line) => console.log(line),
        err: (line) => console.error(line),
        cwd: process.cwd(),
        parse: parseTasks,
      };
      process.exitCode = await runCheck(paths, options, io);
    });
}
