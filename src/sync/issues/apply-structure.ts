import type { Config } from '../../config/schema.js';
import type { SpecDocument } from '../../core/model.js';
import { planSpecStructure } from '../../core/structure/plan-spec-structure.js';
import { readStructureRecord } from '../../core/structure/structure-record.js';
import type { StructureOptions, TreeNode } from '../../core/structure/types.js';
import type { GitHubGateway, IssueSnapshot } from '../../github/gateway.js';
import type { Logger } from '../shared/services.js';
import { applyAssignees } from './apply-assignees.js';
import { ensureUnitIssues, retireOldIssues } from './apply-granularity.js';
import { applyMilestones } from './apply-milestones.js';
import { applyBlockedBy, applySubIssues } from './apply-relations.js';
import type { SpecParentIntro } from './spec-parent-intro.js';
import {
  createStructureIssue,
  ensureStructureIssue,
  structureIssues,
  updateStructureIssue,
  wantedHolder,
  wantedParent,
} from './structure-issues.js';
import { StructureRun } from './structure-run.js';

export interface StructureInput {
  gateway: GitHubGateway;
  log: Logger;
  config: Config;
  doc: SpecDocument;
  specDir: string;
  specName: string;
  specLabel: string;
  branch: string;
  /** tasks.md on the web at the tracking branch. */
  tasksUrl: string;
  /** The parent issue's summary line and document links (`specParentIntro`). */
  intro: SpecParentIntro;
  /** The spec's issues: the listing by label, with those the task sync just created. */
  listed: readonly IssueSnapshot[];
  /** Numbers of the issues the task sync created in this job: GitHub holds no relations of theirs yet. */
  fresh: ReadonlySet<number>;
  dryRun: boolean;
}

export interface StructureResult {
  /** Each write made (or, in a dry run, that would be made), in words. */
  ops: string[];
}

export function structureOptions(config: Config): StructureOptions {
  return { granularity: config.issues.granularity, ...config.structure };
}

/** Whether a sync with this config keeps a parent issue per spec (docs/structure.md, "Applying it"). */
export function keepsSpecParent(config: Config): boolean {
  const { issues, structure } = config;
  return issues.enabled && (issues.granularity !== 'task' || structure.subIssues || structure.blockedBy);
}

/** Phase and part issues of a tree, parents before their children. */
function holders(node: TreeNode): TreeNode[] {
  return node.children.flatMap((child) => (child.kind === 'unit' ? [] : [child, ...holders(child)]));
}

/**
 * A spec's shape on GitHub (docs/structure.md), after its task issues are in step: the spec's parent issue,
 * phase and part issues where a spec outgrows one parent, sub-issues in file order, blocked-by relations.
 * What spec-sync made is recorded in the parent issue, so an unchanged spec reads and writes nothing here.
 */
export async function applySpecStructure(input: StructureInput): Promise<StructureResult> {
  const options = structureOptions(input.config);
  if (!input.config.issues.enabled || input.doc.tasks.length === 0) return { ops: [] };
  const issues = structureIssues(input.listed, input.specDir);
  const where = { ...input, granularity: options.granularity };
  const run = new StructureRun(input.gateway, input.log, input.doc, where, issues, input.dryRun);
  for (const [key, issue] of issues) if (input.fresh.has(issue.number)) run.created.add(key);
  const structure = planSpecStructure(input.doc, input.specName, options);
  // The parent holds the record of relations, and with granularity `spec` it is the spec's one issue.
  if (keepsSpecParent(input.config)) {
    const parent = issues.get('spec');
    const record = readStructureRecord(parent?.body ?? null);
    if (!parent) await createStructureIssue(run, 'spec', wantedParent(run, record));
    await ensureUnitIssues(run, structure.units);
    const tree = structure.tree;
    if (tree)
      for (const node of holders(tree)) await ensureStructureIssue(run, node.key, wantedHolder(run, node));
    const subIssues = tree ? await applySubIssues(run, tree, record.subIssues) : [];
    const blockedBy = await applyBlockedBy(run, structure.blockedBy, record.blockedBy);
    await updateStructureIssue(run, 'spec', issues.get('spec')!, wantedParent(run, { subIssues, blockedBy }));
  }
  await retireOldIssues(
    run,
    structure.units,
    new Set(structure.tree ? holders(structure.tree).map((node) => node.key) : []),
  );
  if (options.milestones !== 'off') await applyMilestones(run, structure.milestones);
  // Task issues are assigned after the structure (sync-spec.ts); story, phase and spec issues here.
  if (options.granularity !== 'task' && options.assignees)
    run.ops.push(...(await applyAssignees(run.gateway, input.doc, structure.units, run.issues, run.dryRun)));
  return { ops: run.ops };
}
