import { overallProgress, phaseProgress } from '../gates/report-progress.js';
import { countsTowardsProgress, tasksByPhase } from '../gates/task-state.js';
import type { Phase, SpecDocument } from '../model.js';
import { fitIssueTitle } from '../render/issue/issue-title.js';
import { neutralizeMarkdown } from '../text/neutralize-text.js';
import { phaseName } from './phase-name.js';

/** What the parent issue needs from outside the file: names and where the spec's documents are. */
export interface SpecParentInput {
  doc: SpecDocument;
  /** The spec's directory name, e.g. `002-billing`. */
  specName: string;
  /** The spec's one-line summary (from spec.md), or null. */
  summary: string | null;
  /** The branch the links point at (the tracking branch). */
  branch: string;
  /** Links to the spec's documents at that branch, by file name; only those given are linked. */
  documentUrls: Partial<Record<LinkedDocument, string>>;
}

/** The documents the parent issue links, in this order: spec-kit's, then Kiro's in between, then tasks.md. */
export const LINKED_DOCUMENTS = ['spec.md', 'requirements.md', 'plan.md', 'design.md', 'tasks.md'] as const;
export type LinkedDocument = (typeof LINKED_DOCUMENTS)[number];

export type PhaseState = 'done' | 'in_progress' | 'blocked' | 'not_started';

export interface PhaseSummary {
  phase: Phase;
  done: number;
  total: number;
  state: PhaseState;
}

/**
 * Each phase's done/total (`phaseProgress`: optional tasks left out, skipped ones finished) and state: done
 * when every counted task is finished, blocked while a phase it waits for is not done, in progress once a
 * task is started, else not started.
 */
export function summarizePhases(doc: SpecDocument): PhaseSummary[] {
  const progress = phaseProgress(doc);
  const byPhase = tasksByPhase(doc);
  const isDone = new Map(progress.map((entry) => [entry.id, entry.done === entry.total]));
  return doc.phases.map((phase, index) => {
    const { done, total } = progress[index]!;
    const waiting = phase.blockedBy.some((id) => id !== phase.id && isDone.get(id) === false);
    const working = (byPhase.get(phase.id) ?? []).some(
      (task) => countsTowardsProgress(task) && task.status === 'in_progress',
    );
    const state: PhaseState =
      done === total ? 'done' : waiting ? 'blocked' : done > 0 || working ? 'in_progress' : 'not_started';
    return { phase, done, total, state };
  });
}

/** `Billing` from `# Tasks: Billing`, else the directory name without its number (`002-billing` → `billing`). */
function specTitle(doc: SpecDocument, specName: string): string {
  const fromDoc = doc.title?.replace(/^(?:tasks|implementation plan)\s*[:：-]\s*/iu, '').trim();
  if (fromDoc && !/^(?:tasks|implementation plan)$/iu.test(fromDoc)) return fromDoc;
  const words = specName
    .replace(/^\d+[-_]/u, '')
    .replace(/[-_]+/gu, ' ')
    .trim();
  return words === '' ? specName : words.charAt(0).toUpperCase() + words.slice(1);
}

/** `002-billing: Billing`, one line within GitHub's title limit. */
export function renderSpecParentTitle(doc: SpecDocument, specName: string): string {
  return fitIssueTitle(`${specName}: ${specTitle(doc, specName)}`);
}

const STATE_WORDS: Record<PhaseState, string> = {
  done: 'done',
  in_progress: 'in progress',
  blocked: 'blocked',
  not_started: 'not started',
};

/** Mermaid's colours per state, as class definitions. */
const STATE_STYLES: Record<PhaseState, string> = {
  done: 'fill:#dafbe1,stroke:#1a7f37,color:#1a7f37',
  in_progress: 'fill:#ddf4ff,stroke:#0969da,color:#0969da',
  blocked: 'fill:#ffebe9,stroke:#cf222e,color:#cf222e',
  not_started: 'fill:#f6f8fa,stroke:#8c959f,color:#57606a',
};

/** Mermaid labels are quoted strings: quotes and markup characters become entity codes. */
function mermaidLabel(text: string): string {
  return text.replace(/["#<>&`]/gu, (char) => `#${char.codePointAt(0)};`).replace(/\s+/gu, ' ');
}

/** A flowchart of the phases: an arrow from each blocking phase to the phase it blocks, nodes coloured by state. */
export function renderPhaseDiagram(phases: readonly PhaseSummary[]): string {
  const nodeId = new Map(phases.map((entry, index) => [entry.phase.id, `p${index + 1}`]));
  const lines = ['flowchart TD'];
  for (const { phase, done, total, state } of phases) {
    const label = mermaidLabel(`${phaseName(phase)} (${done}/${total}, ${STATE_WORDS[state]})`);
    lines.push(`  ${nodeId.get(phase.id)}["${label}"]`);
  }
  for (const { phase } of phases) {
    for (const blocker of phase.blockedBy) {
      const from = nodeId.get(blocker);
      if (from !== undefined && blocker !== phase.id) lines.push(`  ${from} --> ${nodeId.get(phase.id)}`);
    }
  }
  for (const state of Object.keys(STATE_STYLES) as PhaseState[]) {
    lines.push(`  classDef ${state} ${STATE_STYLES[state]}`);
    const members = phases
      .filter((entry) => entry.state === state)
      .map((entry) => nodeId.get(entry.phase.id));
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${state}`);
  }
  return lines.join('\n');
}

function tableCell(text: string): string {
  return text.replace(/\|/gu, '\\|').replace(/\s+/gu, ' ');
}

/**
 * The body of a spec's parent issue: summary, overall progress, the phases with done/total and state,
 * links to the spec's documents at the tracking branch, and the phase diagram in a Mermaid block.
 */
export function renderSpecParentBody(input: SpecParentInput): string {
  const phases = summarizePhases(input.doc);
  const overall = overallProgress(input.doc);
  const parts: string[] = [];
  // The summary is a person's text: it may not ping anyone or link issues from the parent.
  if (input.summary) parts.push(neutralizeMarkdown(input.summary.trim()));
  parts.push(`**Progress:** ${overall.done}/${overall.total} tasks done`);
  const links = LINKED_DOCUMENTS.filter((name) => input.documentUrls[name] !== undefined).map(
    (name) => `[${name}](${input.documentUrls[name]})`,
  );
  if (links.length > 0) parts.push(`${links.join(' · ')} (branch \`${input.branch}\`)`);
  if (phases.length > 0) {
    const tasksUrl = input.documentUrls['tasks.md'];
    // Phase names are a person's text too.
    const cell = (phase: Phase) => neutralizeMarkdown(tableCell(phaseName(phase)));
    const name = (phase: Phase) =>
      tasksUrl === undefined ? cell(phase) : `[${cell(phase)}](${tasksUrl}#L${phase.line})`;
    const rows = phases.map(
      ({ phase, done, total, state }) => `| ${name(phase)} | ${done}/${total} | ${STATE_WORDS[state]} |`,
    );
    parts.push(['| Phase | Done | State |', '|---|---|---|', ...rows].join('\n'));
    parts.push(['```mermaid', renderPhaseDiagram(phases), '```'].join('\n'));
  }
  return parts.join('\n\n');
}
