import type { SpecDocument } from '../../core/model.js';
import { findOwnIssues, normaliseSpecDir } from '../../core/plan/find-own-issues.js';
import { mergeIssueBody, sameBody } from '../../core/render/issue/issue-body.js';
import { hashTitle, readIssueMarker } from '../../core/render/issue/issue-marker.js';
import { fitIssueTitle } from '../../core/render/issue/issue-title.js';
import { renderHolderIssue } from '../../core/structure/render-holder-issue.js';
import { renderSpecParentBody, renderSpecParentTitle } from '../../core/structure/render-spec-parent.js';
import { renderUnitChecklist } from '../../core/structure/render-unit-checklist.js';
import { type StructureRecord, writeStructureRecord } from '../../core/structure/structure-record.js';
import type { IssueUnit, TreeNode } from '../../core/structure/types.js';
import { neutralizeMarkdown, neutralizePlainText } from '../../core/text/neutralize-text.js';
import type { IssueSnapshot } from '../../github/gateway.js';
import { createOnce } from '../shared/create-once.js';
import type { StructureRun } from './structure-run.js';

/** The issues of a spec's structure by key: tasks by ID, `spec` for the parent, `phase:…` and `part:…` holders. */
export type IssuesByKey = Map<string, IssueSnapshot>;

/** Task, phase and part issues of the spec by key, and its parent issue (`spec`), from one listing. */
export function structureIssues(listed: readonly IssueSnapshot[], specDir: string): IssuesByKey {
  const byKey: IssuesByKey = new Map();
  for (const [key, issue] of findOwnIssues(listed, specDir).byTask) byKey.set(key, issue as IssueSnapshot);
  const parents = listed
    .filter((issue) => {
      const marker = readIssueMarker(issue.body);
      return marker?.kind === 'spec' && normaliseSpecDir(marker.spec) === normaliseSpecDir(specDir);
    })
    .sort((a, b) => a.number - b.number);
  if (parents[0]) byKey.set('spec', parents[0]);
  return byKey;
}

const finished = (doc: SpecDocument, ids: readonly string[]) =>
  doc.tasks
    .filter((task) => ids.includes(task.id) && !task.optional)
    .every((task) => task.status === 'done' || task.status === 'skipped');

/** Every task ID under a node of the tree. */
function tasksUnder(node: TreeNode): string[] {
  return node.children.flatMap((child) =>
    (child.kind === 'unit' ? [child.key] : []).concat(tasksUnder(child)),
  );
}

interface Wanted {
  title: string;
  section: string;
  marker: Parameters<typeof mergeIssueBody>[2];
  closed: boolean;
}

/** What the spec's parent issue says: its table and diagram, and the record of relations spec-sync made. */
export function wantedParent(run: StructureRun, record: StructureRecord): Wanted {
  const { doc, specDir, specName } = run;
  const title = fitIssueTitle(neutralizePlainText(renderSpecParentTitle(doc, specName)));
  // With granularity `spec` the parent is the spec's one issue: it holds every task as a checklist too.
  const checklist =
    run.granularity === 'spec'
      ? `\n\n${neutralizeMarkdown(renderUnitChecklist(doc, { key: 'spec', kind: 'spec', title, taskIds: doc.tasks.map((task) => task.id) }))}`
      : '';
  const body = renderSpecParentBody({
    doc,
    specName,
    summary: run.intro.summary,
    branch: run.branch,
    documentUrls: run.intro.documentUrls,
  });
  return {
    title,
    section: `${body}${checklist}\n\n${writeStructureRecord(record)}`,
    marker: { kind: 'spec', spec: specDir, titleHash: hashTitle(title) },
    closed:
      doc.tasks.length > 0 &&
      finished(
        doc,
        doc.tasks.map((task) => task.id),
      ),
  };
}

/** A story or phase issue of granularity `story` or `phase`: its tasks as a checklist mirroring tasks.md. */
export function wantedUnit(run: StructureRun, unit: IssueUnit): Wanted {
  // Task and phase text comes from tasks.md: it may not ping anyone or link issues (docs/security.md).
  // Cut after neutralising: the joiners it adds count towards GitHub's limit too.
  const title = fitIssueTitle(neutralizePlainText(`${run.specName}: ${unit.title}`));
  return {
    title,
    section: `${neutralizeMarkdown(renderUnitChecklist(run.doc, unit))}\n\n${keptInStep(run)}`,
    marker: { kind: 'task', spec: run.specDir, id: unit.key, titleHash: hashTitle(title) },
    closed: finished(run.doc, unit.taskIds),
  };
}

function keptInStep(run: StructureRun): string {
  return `<sub>Kept in step with [tasks.md](${run.tasksUrl}) by spec-sync: tick the boxes there.</sub>`;
}

/** A phase or part issue: it only holds sub-issues, and closes when every task below it is finished. */
export function wantedHolder(run: StructureRun, node: TreeNode): Wanted {
  const holder = renderHolderIssue(run.doc, run.specName, node);
  const title = fitIssueTitle(neutralizePlainText(holder.title));
  return {
    title,
    section: neutralizeMarkdown(holder.body),
    marker: { kind: 'task', spec: run.specDir, id: node.key, titleHash: hashTitle(title) },
    closed: finished(run.doc, tasksUnder(node)),
  };
}

/** Creates the issue, or brings it in step (`updateStructureIssue`). */
export async function ensureStructureIssue(run: StructureRun, key: string, wanted: Wanted): Promise<void> {
  const existing = run.issues.get(key);
  if (existing) await updateStructureIssue(run, key, existing, wanted);
  else await closeOrOpen(run, await createStructureIssue(run, key, wanted), wanted.closed);
}

/** Opens the issue with the spec's label; a dry run notes it and goes on with a stand-in. */
export async function createStructureIssue(
  run: StructureRun,
  key: string,
  wanted: Wanted,
): Promise<IssueSnapshot> {
  const body = mergeIssueBody(null, wanted.section, wanted.marker);
  const created = await run.write(`create the ${key} issue: ${wanted.title}`, async () => {
    // A lost answer may hide an issue GitHub made: found by its marker, never made twice.
    const { value, recovered } = await createOnce(
      () => run.gateway.createIssue({ title: wanted.title, body, labels: [run.specLabel] }),
      async (since) =>
        structureIssues(
          await run.gateway.listIssuesWithLabel(run.specLabel, since.toISOString()),
          run.specDir,
        ).get(key),
    );
    if (recovered) run.log.warn({ key, issue: value.number }, 'Create answer lost; found the issue it made');
    return value;
  });
  const issue = created ?? placeholder(wanted.title, body);
  run.issues.set(key, issue);
  run.created.add(key);
  return issue;
}

/**
 * Brings an issue in step: its title (unless a person retitled it since spec-sync last wrote one),
 * spec-sync's section of the body, and open or closed. Nothing is sent when it already is.
 */
export async function updateStructureIssue(
  run: StructureRun,
  key: string,
  existing: IssueSnapshot,
  wanted: Wanted,
): Promise<void> {
  const changes: { title?: string; body?: string } = {};
  const marker = readIssueMarker(existing.body);
  if (marker?.titleHash !== wanted.marker.titleHash && existing.title !== wanted.title)
    changes.title = wanted.title;
  const body = mergeIssueBody(existing.body, wanted.section, wanted.marker);
  if (!sameBody(body, existing.body)) changes.body = body;
  if (Object.keys(changes).length > 0) {
    await run.write(`update the ${key} issue${named(existing)} (${Object.keys(changes).join(', ')})`, () =>
      run.gateway.updateIssue(existing.number, changes),
    );
    Object.assign(existing, changes);
  }
  await closeOrOpen(run, existing, wanted.closed);
}

async function closeOrOpen(run: StructureRun, issue: IssueSnapshot, closed: boolean): Promise<void> {
  if ((issue.state === 'closed') === closed) return;
  const changes = closed
    ? ({ state: 'closed', stateReason: 'completed' } as const)
    : ({ state: 'open', stateReason: 'reopened' } as const);
  await run.write(`${closed ? 'close' : 'reopen'} the issue${named(issue)}`, () =>
    run.gateway.updateIssue(issue.number, changes),
  );
  issue.state = changes.state;
}

/** ` #12`, or nothing for an issue a dry run would create. */
function named(issue: IssueSnapshot): string {
  return issue.number === 0 ? '' : ` #${issue.number}`;
}

/** A dry run's stand-in for an issue it would create: no number, no id, no request about it. */
function placeholder(title: string, body: string): IssueSnapshot {
  return {
    number: 0,
    id: 0,
    title,
    body,
    state: 'open',
    stateReason: null,
    labels: [],
    htmlUrl: '',
    author: null,
    assignees: [],
  };
}
