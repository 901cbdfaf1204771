import type { SpecDocument } from '../model.js';
import { groupUnits } from './group-units.js';
import { planMilestones } from './plan-milestones.js';
import { planBlockedBy } from './plan-relations.js';
import { planSubIssueTree } from './plan-sub-issue-tree.js';
import type { IssueUnit, Relation, StructureOptions, TreeNode } from './types.js';

/** Everything a spec should look like on GitHub, as values; applying it is the sync's job. */
export interface SpecStructure {
  units: IssueUnit[];
  /** The sub-issue tree under the spec's parent, or null when sub-issues are off. */
  tree: TreeNode | null;
  blockedBy: Relation[];
  /** Milestone title by unit key; empty when milestones are off. */
  milestones: Map<string, string>;
}

/** The desired structure of one spec (docs/structure.md): units, sub-issue tree, blocked-by and milestones. */
export function planSpecStructure(
  doc: SpecDocument,
  specName: string,
  options: StructureOptions,
): SpecStructure {
  const units = groupUnits(doc, options.granularity);
  const tree = planSubIssueTree(doc, units);
  return {
    units,
    tree: options.subIssues ? tree : null,
    blockedBy: planBlockedBy(doc, units, tree, options),
    milestones: planMilestones(doc, units, specName, options.milestones),
  };
}
