import { findClarifications } from './gate-clarifications.js';
import type { GateInput, SpecFile, Violation } from './types.js';

/**
 * The spec lifecycle some workflows keep in frontmatter: `new → researched → designed → implemented`.
 * A stage is claimed by `status:` in tasks.md or spec.md frontmatter; each stage needs what the earlier ones
 * produced. `implemented` means the implementation checklist is written (tasks are ticked as work goes on),
 * so open tasks do not contradict it; `done`/`complete`/`completed` does claim every task finished.
 */
const STAGES = ['new', 'researched', 'designed', 'implemented'] as const;
const FINISHED = ['done', 'complete', 'completed'];

interface Claim {
  status: string;
  path: string;
  line: number;
}

export function gateLifecycle(input: GateInput): Violation[] {
  const claims = [tasksClaim(input), fileClaim(input.documents['spec.md'])].filter((claim) => claim !== null);
  return claims.flatMap((claim) =>
    unmet(input, claim.status).map((reason) => ({
      gate: 'lifecycle' as const,
      path: claim.path,
      line: claim.line,
      message: `Status \`${claim.status}\` claimed, but ${reason}.`,
    })),
  );
}

function unmet(input: GateInput, status: string): string[] {
  const stage = STAGES.indexOf(status as (typeof STAGES)[number]);
  const reasons: string[] = [];
  const has = (name: string) => !!input.documents[name] || hasSection(input, name.replace(/\.md$/, ''));
  if ((stage >= 1 || FINISHED.includes(status)) && !has('research.md'))
    reasons.push('there is no research (research.md or a Research section)');
  if ((stage >= 2 || FINISHED.includes(status)) && !has('plan.md') && !has('design.md')) {
    reasons.push('there is no design (plan.md, design.md or a Design section)');
  }
  if (stage >= 3 || FINISHED.includes(status)) {
    if (input.doc.tasks.length === 0) reasons.push('the implementation has no tasks');
    const open = openClarifications(input);
    if (open > 0) reasons.push(`${open} NEEDS CLARIFICATION marker(s) are still open`);
  }
  if (FINISHED.includes(status)) {
    const open = input.doc.tasks.filter(
      (task) => !task.optional && task.status !== 'done' && task.status !== 'skipped',
    );
    if (open.length > 0) reasons.push(`${open.length} task(s) are still open`);
  }
  return reasons;
}

function tasksClaim(input: GateInput): Claim | null {
  const status = input.doc.frontmatter.status;
  if (typeof status !== 'string' || !isLifecycleStatus(status)) return null;
  const line = input.tasksText === undefined ? 1 : (frontmatterStatus(input.tasksText)?.line ?? 1);
  return { status: status.trim().toLowerCase(), path: input.tasksPath, line };
}

function fileClaim(file: SpecFile | undefined): Claim | null {
  if (!file) return null;
  const found = frontmatterStatus(file.text);
  if (!found || !isLifecycleStatus(found.status)) return null;
  return { status: found.status.toLowerCase(), path: file.path, line: found.line };
}

function isLifecycleStatus(status: string): boolean {
  const value = status.trim().toLowerCase();
  return (STAGES as readonly string[]).includes(value) || FINISHED.includes(value);
}

/** The top-level `status:` key of a frontmatter block, with its 1-based line. */
export function frontmatterStatus(text: string): { status: string; line: number } | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return null;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '---') return null;
    const match = /^status:\s*(['"]?)([^'"#]*)\1\s*(?:#.*)?$/.exec(line);
    if (match) return { status: match[2]!.trim(), line: index + 1 };
  }
  return null;
}

function hasSection(input: GateInput, name: string): boolean {
  const heading = new RegExp(`^#{1,6}\\s+.*\\b${name}\\b`, 'im');
  const texts = [input.tasksText, input.documents['spec.md']?.text].filter((text) => text !== undefined);
  return texts.some((text) => heading.test(text));
}

function openClarifications(input: GateInput): number {
  const files = ['spec.md', 'plan.md', 'requirements.md', 'design.md']
    .map((name) => input.documents[name])
    .filter((file) => !!file);
  if (input.tasksText !== undefined) files.push({ path: input.tasksPath, text: input.tasksText });
  return files.reduce((sum, file) => sum + findClarifications(file.path, file.text).length, 0);
}
