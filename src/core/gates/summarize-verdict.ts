import type { GateName, GateReport } from './types.js';

/** How each gate reads in a one-line verdict. */
export const GATE_TITLES: Record<GateName, string> = {
  phaseOrder: 'Phase order',
  taskDependencies: 'Task dependencies',
  checkpoints: 'Checkpoints',
  documents: 'Documents',
  clarifications: 'Clarifications',
  placeholders: 'Placeholders',
  planGates: 'Plan gates',
  lifecycle: 'Lifecycle',
  parserFindings: 'Parser findings',
  completion: 'Completion',
};

/**
 * The check run's title: the first failing gate in words, then progress.
 * `Phase order: 3 done tasks ahead of open work · 14/60 done`, `All gates hold · 14/60 done`.
 */
export function summarizeVerdict(report: GateReport): string {
  const progress = `${report.done}/${report.total} done`;
  const failing = report.gates.filter((gate) => gate.state === 'fail');
  const warning = report.gates.filter((gate) => gate.state === 'warn');
  const first = failing[0] ?? warning[0];
  if (!first) return `All gates hold · ${progress}`;
  const count = first.violations.length;
  const others = failing.length + warning.length - 1;
  const more = others > 0 ? ` (+${others} more gate${others === 1 ? '' : 's'})` : '';
  const head = first.violations[0]!.message;
  const what = count === 1 ? head : `${count} problems, first: ${head}`;
  return truncate(`${GATE_TITLES[first.name]}: ${what}${more} · ${progress}`, 200);
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Keep the progress at the end: it is the part a reader scans for.
  const tail = text.slice(text.lastIndexOf(' · '));
  return `${text.slice(0, max - tail.length - 1)}…${tail}`;
}
