import type { Config } from '../../../config/schema.js';
import type { Phase, SpecDocument, Task } from '../../model.js';
import { type TrustedText, trusted } from '../render-template.js';

/** Everything a rendered issue depends on besides the task; the same for every task of one sync. */
export interface IssueRenderContext {
  /** Repository-relative spec directory (`specs/002-billing`). */
  specDir: string;
  /** Repository-relative path of the tasks.md (`specs/002-billing/tasks.md`). */
  tasksPath: string;
  /** The tracking branch the links point at. */
  branch: string;
  /** The repository's web address (`https://github.com/o/r`; GitHub Enterprise Server differs). */
  htmlBase: string;
  doc: SpecDocument;
  config: Config['issues'];
  /** Template sources (Handlebars); core never reads files. */
  templates: { body: string };
  /** Keep `@login` and `@org/team` in task text live (the `allowMentions` setting); off by default. */
  allowMentions?: boolean;
  /** Issue numbers of tasks that have an issue already, by task ID. */
  issueNumbers: ReadonlyMap<string, number>;
}

/** The fields a title or body template sees (documented in docs/sync.md). */
export interface IssueView {
  id: string;
  /** The ID as a title shows it: Kiro's top-level `1` as written, `1.`; any other ID as is. */
  ref: string;
  title: string;
  spec: string;
  specDir: string;
  tasksPath: string;
  line: number;
  taskUrl: string;
  phase: string | null;
  phaseNumber: string | null;
  section: string | null;
  story: string | null;
  parallel: boolean;
  optional: boolean;
  parent: string | null;
  /** The parent task as `#N` or a link to its line, like a dependency. */
  parentLink: TrustedText | null;
  files: Array<{ path: string; url: string }>;
  dependencies: Array<{ id: string; link: TrustedText }>;
  requirements: string[];
  details: string[];
  /** The ID-less checkbox items under the task, each with its own box (docs/formats.md, "Sub-items"). */
  checklist: Array<{ text: string; done: boolean }>;
}

export function buildIssueView(task: Task, ctx: IssueRenderContext, spec: string): IssueView {
  const phase = ctx.doc.phases.find((candidate) => candidate.id === task.phase) ?? null;
  return {
    id: task.id,
    ref: ctx.doc.dialect === 'kiro' && /^\d+$/u.test(task.id) ? `${task.id}.` : task.id,
    title: task.title,
    spec,
    specDir: ctx.specDir,
    tasksPath: ctx.tasksPath,
    line: task.line,
    taskUrl: blobUrl(ctx, ctx.tasksPath, task.line),
    phase: phase?.name ?? task.phase,
    phaseNumber: phase?.number ?? null,
    section: sectionBesidePhase(task.section, phase),
    story: task.story,
    parallel: task.parallel,
    optional: task.optional,
    parent: task.parent,
    parentLink: task.parent === null ? null : taskLink(task.parent, ctx),
    files: task.files.map((path) => ({ path, url: blobUrl(ctx, path) })),
    dependencies: task.dependsOn.map((id) => ({ id, link: taskLink(id, ctx) })),
    requirements: task.requirements,
    details: task.details,
    // GitHub task lists have two states: a skipped item reads as settled, like a skipped task's checklist line.
    checklist: task.checklist.map((item) => ({
      text: item.text,
      done: item.status === 'done' || item.status === 'skipped',
    })),
  };
}

/**
 * The task's nearest heading, unless it is its phase's own heading (`Phase 1: Setup`, or the bare name of an
 * unnumbered phase): the Phase line already says it. Compared by letters and digits, so `Phase 1 — Setup`
 * repeats `Phase 1: Setup` too.
 */
function sectionBesidePhase(section: string | null, phase: Phase | null): string | null {
  if (section === null || phase === null) return section;
  const words = (text: string) =>
    text
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.join(' ') ?? '';
  const heading = words(section);
  const repeats = [phase.name, `Phase ${phase.number ?? ''} ${phase.name}`].some(
    (form) => words(form) === heading,
  );
  return repeats ? null : section;
}

/** `#123` when the task has an issue (GitHub links it), else a link to its line in tasks.md, else its ID. */
function taskLink(id: string, ctx: IssueRenderContext): TrustedText {
  const number = ctx.issueNumbers.get(id);
  if (number !== undefined) return trusted(`#${number}`);
  const task = ctx.doc.tasks.find((candidate) => candidate.id === id);
  // A task ID is letters, digits and dots (the parser's rule): nothing in it for the text rule to defuse.
  return trusted(task ? `[${id}](${blobUrl(ctx, ctx.tasksPath, task.line)})` : id);
}

/** `https://github.com/o/r/blob/<branch>/<path>#L<line>`, each path segment encoded (branches may hold `#`). */
export function blobUrl(ctx: Pick<IssueRenderContext, 'htmlBase' | 'branch'>, path: string, line?: number) {
  const clean = path.replace(/^(?:\.\/|\/)+/, '');
  const segments = [...ctx.branch.split('/'), ...clean.split('/')].map(encodeURIComponent).join('/');
  const anchor = line === undefined ? '' : `#L${line}`;
  return `${ctx.htmlBase.replace(/\/+$/, '')}/blob/${segments}${anchor}`;
}
