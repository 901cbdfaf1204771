import type { Config } from '../../config/schema.js';
import type { SpecDocument, Task } from '../model.js';
import { MAX_LABEL_DESCRIPTION_LENGTH, MAX_LABEL_NAME_LENGTH } from '../render/github-limits.js';
import { hashTitle } from '../render/issue/issue-marker.js';
import { specLabelName } from '../specs/spec-names.js';
import { uniqueIgnoringCase } from '../text/unique-ignoring-case.js';

export type LabelsConfig = Config['issues']['labels'];
export type LabelKind = 'spec' | 'phase' | 'story' | 'parallel' | 'in-progress' | 'blocked';

export interface LabelSpec {
  name: string;
  /** Six hex digits without `#`, as the labels API takes it. */
  color: string;
  description: string;
}

export { MAX_LABEL_DESCRIPTION_LENGTH, MAX_LABEL_NAME_LENGTH } from '../render/github-limits.js';

/** One fixed colour per kind, so a repository's labels read the same everywhere spec-sync runs. */
const LABEL_COLORS: Readonly<Record<LabelKind, string>> = {
  spec: '5319e7',
  phase: '1d76db',
  story: 'fbca04',
  parallel: 'c2e0c6',
  'in-progress': '0e8a16',
  blocked: 'd93f0b',
};

const KIND_PATTERN: Readonly<Record<LabelKind, keyof LabelsConfig>> = {
  spec: 'spec',
  phase: 'phase',
  story: 'story',
  parallel: 'parallel',
  'in-progress': 'inProgress',
  blocked: 'blocked',
};

/** `specs/002-billing/` → `002-billing`. */
export function specNameOf(specDir: string): string {
  const parts = specDir.split('/').filter((part) => part !== '');
  return parts.at(-1) ?? specDir;
}

/**
 * The spec's label, also how its issues are listed (`labels=` splits on commas): spec-names.ts makes it
 * safe, unchanged when it needs no change, so existing repositories keep their labels.
 */
export function specLabel(specName: string, labels: LabelsConfig): string {
  return specLabelName(specName, labels.spec);
}

/** The labels spec-sync wants on a task's issue, in a fixed order, without duplicates. */
export function desiredLabels(
  task: Task,
  doc: SpecDocument,
  specName: string,
  labels: LabelsConfig,
): string[] {
  const names = [
    specLabel(specName, labels),
    task.phase === null ? '' : fillPattern(labels.phase, phaseValue(task.phase, doc)),
    task.story === null ? '' : fillPattern(labels.story, task.story),
    task.parallel ? labels.parallel : '',
    task.status === 'in_progress' ? labels.inProgress : '',
    task.status === 'blocked' ? labels.blocked : '',
  ];
  return uniqueLabels(names.filter((name) => name !== '').map(fitLabelName));
}

/** Which of spec-sync's kinds a label is, by the configured patterns (GitHub matches names case-insensitively). */
export function labelKind(name: string, labels: LabelsConfig): LabelKind | null {
  for (const kind of Object.keys(KIND_PATTERN) as LabelKind[]) {
    const pattern = labels[KIND_PATTERN[kind]];
    if (recognisable(pattern) && patternRegExp(pattern).test(name)) return kind;
  }
  return null;
}

/** spec-sync adds and removes only the labels its patterns describe; every other label is a person's. */
export function isOwnedLabel(name: string, labels: LabelsConfig): boolean {
  return labelKind(name, labels) !== null;
}

export function labelColor(name: string, labels: LabelsConfig): string {
  const kind = labelKind(name, labels);
  return kind === null ? 'ededed' : LABEL_COLORS[kind];
}

export function labelDescription(name: string, labels: LabelsConfig): string {
  const kind = labelKind(name, labels);
  const text = kind === null ? 'Set by spec-sync' : DESCRIPTIONS[kind];
  return text.slice(0, MAX_LABEL_DESCRIPTION_LENGTH);
}

export function labelSpec(name: string, labels: LabelsConfig): LabelSpec {
  return { name, color: labelColor(name, labels), description: labelDescription(name, labels) };
}

const DESCRIPTIONS: Readonly<Record<LabelKind, string>> = {
  spec: 'spec-sync: a task of this spec (kept in step with its tasks.md)',
  phase: 'spec-sync: a task of this phase of its spec',
  story: 'spec-sync: a task of this user story',
  parallel: 'spec-sync: marked [P], may run in parallel with its phase',
  'in-progress': 'spec-sync: the task is marked in progress in tasks.md',
  blocked: 'spec-sync: the task is marked blocked in tasks.md',
};

/**
 * A name cut to GitHub's limit. The cut keeps a hash of the whole name so two long names that share a
 * beginning still give two labels.
 */
export function fitLabelName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= MAX_LABEL_NAME_LENGTH) return chars.join('');
  const hash = hashTitle(name).slice(0, 8);
  return `${chars.slice(0, MAX_LABEL_NAME_LENGTH - hash.length - 1).join('')}…${hash}`;
}

/** Label sets compare case-insensitively: GitHub applies an existing `Blocked` when asked for `blocked`. */
export function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map((name) => name.toLowerCase()));
  const right = new Set(b.map((name) => name.toLowerCase()));
  return left.size === right.size && [...left].every((name) => right.has(name));
}

/** Labels once each, first spelling kept: GitHub treats `Blocked` and `blocked` as one label. */
export const uniqueLabels = uniqueIgnoringCase;

function phaseValue(phaseId: string, doc: SpecDocument): string {
  const phase = doc.phases.find((candidate) => candidate.id === phaseId);
  if (!phase) return phaseId;
  return phase.number ?? (slugify(phase.name) || phase.id);
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function fillPattern(pattern: string, value: string): string {
  if (pattern === '') return '';
  return pattern.replace(/\{(spec|phase|story)\}/g, value);
}

/** A pattern that is only a placeholder (`{spec}`) would claim every label in the repository: not ours to match. */
function recognisable(pattern: string): boolean {
  return pattern.replace(/\{(?:spec|phase|story)\}/g, '') !== '';
}

function patternRegExp(pattern: string): RegExp {
  const parts = pattern.split(/\{(?:spec|phase|story)\}/);
  const body = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
  return new RegExp(`^${body}$`, 'iu');
}
