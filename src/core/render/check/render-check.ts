import { GATE_TITLES, summarizeVerdict } from '../../gates/summarize-verdict.js';
import type { GateReport, GateResult, GateState, PhaseProgress, Violation } from '../../gates/types.js';
import { compileTemplate } from '../render-template.js';
import {
  type Annotation,
  clip,
  fitRendering,
  hiddenNote,
  MAX_ANNOTATION_MESSAGE_CHARS,
  MAX_ANNOTATION_TITLE_CHARS,
  MAX_CHECK_OUTPUT_CHARS,
  MAX_CHECK_TITLE_CHARS,
} from './check-limits.js';

export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
  annotations: Annotation[];
}

export interface RenderCheckOptions {
  /** Handlebars source of templates/check-summary.md.hbs (or a repository's own). */
  template: string;
  /** Task ID → its issue's URL, for the tasks that have one. */
  issueUrls: Record<string, string>;
  /** A link to a line of a file at the checked commit. */
  tasksUrl?: (path: string, line: number) => string;
}

const STATE_ICONS: Record<GateState, string> = { pass: '✅', fail: '❌', warn: '⚠️', off: '➖' };

/** The check run's output for one spec: title, Markdown summary, details text and annotations. */
export function renderCheckOutput(report: GateReport, options: RenderCheckOptions): CheckOutput {
  const template = compileTemplate('check summary', options.template);
  const summary = fitRendering(
    (limit) => template(summaryData(report, options, limit)),
    Math.max(report.phases.length, report.blockingTasks.length),
  );
  const violations = report.gates.flatMap((gate) =>
    gate.violations.map((violation) => ({ gate, violation })),
  );
  const text = violations.length ? detailsText(violations.map(({ violation }) => violation)) : undefined;
  return {
    title: clip(summarizeVerdict(report), MAX_CHECK_TITLE_CHARS),
    summary,
    ...(text === undefined ? {} : { text }),
    annotations: violations.map(({ gate, violation }) => toAnnotation(gate, violation)),
  };
}

function summaryData(report: GateReport, options: RenderCheckOptions, limit: number) {
  const blocking = report.blockingTasks.slice(0, limit).map((task) => ({
    ...task,
    title: cell(task.title),
    url: options.issueUrls[task.id],
    lineUrl: options.tasksUrl?.(report.tasksPath, task.line),
  }));
  return {
    verdict: inline(summarizeVerdict(report)),
    phases: report.phases.slice(0, limit).map(phaseRow),
    hiddenPhases: hidden(report.phases.length - limit),
    gates: report.gates.map(gateRow),
    blocking,
    hiddenBlocking: hidden(report.blockingTasks.length - limit),
  };
}

function phaseRow(phase: PhaseProgress) {
  const ratio = phase.total === 0 ? 1 : phase.done / phase.total;
  return {
    label: cell(phase.name),
    done: phase.done,
    total: phase.total,
    bar: progressBar(ratio),
    percent: Math.round(ratio * 100),
  };
}

function gateRow(gate: GateResult) {
  const count = gate.violations.length;
  const result =
    gate.state === 'off' ? 'off' : count === 0 ? 'holds' : `${count} problem${count === 1 ? '' : 's'}`;
  return {
    icon: STATE_ICONS[gate.state],
    title: GATE_TITLES[gate.name],
    key: gate.name,
    level: gate.level,
    result,
  };
}

/** `▓▓▓▓░░░░░░`: ten cells, rounded down so that a bar only fills when the phase is done. */
export function progressBar(ratio: number, width = 10): string {
  const filled = Math.min(width, Math.max(0, Math.floor(ratio * width)));
  return '▓'.repeat(filled) + '░'.repeat(width - filled);
}

function hidden(count: number): string | null {
  return count > 0 ? hiddenNote(count) : null;
}

/**
 * Text from tasks.md shown in the summary: Markdown stays Markdown (code spans render), but HTML does not
 * (a stray `<!--` would hide the rest of the summary), and a newline cannot end the line it is on.
 */
function inline(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ');
}

/** A table cell's text: as `inline`, and a pipe would end the cell. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

function detailsText(violations: Violation[]): string {
  const lines = violations.map((v) => `- \`${v.path}:${v.line}\` **${GATE_TITLES[v.gate]}**: ${v.message}`);
  const header = '### Problems\n\n';
  let length = header.length;
  const kept: string[] = [];
  for (const [index, line] of lines.entries()) {
    const note = `\n${hiddenNote(lines.length - index)}`;
    const fitsWithNote = length + line.length + 1 + (index < lines.length - 1 ? note.length : 0);
    if (fitsWithNote > MAX_CHECK_OUTPUT_CHARS) {
      kept.push(hiddenNote(lines.length - index));
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return header + kept.join('\n');
}

function toAnnotation(gate: GateResult, violation: Violation): Annotation {
  const failing = gate.level === 'error' && violation.cap !== 'warning';
  return {
    path: violation.path,
    start_line: violation.line,
    end_line: Math.max(violation.line, violation.endLine ?? violation.line),
    annotation_level: failing ? 'failure' : 'warning',
    message: clip(violation.message, MAX_ANNOTATION_MESSAGE_CHARS),
    title: clip(`spec-sync: ${GATE_TITLES[gate.name]}`, MAX_ANNOTATION_TITLE_CHARS),
  };
}
