import type { SpecDocument } from '../model.js';
import type { IssueUnit, TreeNode } from './types.js';

/** GitHub allows at most 100 sub-issues under one parent, closed ones included (REST docs, "Add sub-issue"). */
export const MAX_SUB_ISSUES_PER_PARENT = 100;
/** GitHub nests sub-issues at most 8 levels deep, the top parent counting as the first. */
export const MAX_SUB_ISSUE_LEVELS = 8;

function leaf(key: string): TreeNode {
  return { key, kind: 'unit', children: [] };
}

/**
 * Units nested as the file nests them: a Kiro parent task (`1.`) holds its sub-tasks (`1.1`, `1.2`), when
 * both are units of their own. Returns the top-level nodes in file order.
 */
function nestUnits(doc: SpecDocument, units: readonly IssueUnit[]): TreeNode[] {
  const nodes = new Map(units.map((unit) => [unit.key, leaf(unit.key)]));
  const parentOf = new Map(doc.tasks.map((task) => [task.id, task.parent]));
  const top: TreeNode[] = [];
  for (const unit of units) {
    const parentKey = unit.kind === 'task' ? parentOf.get(unit.key) : null;
    const parent = parentKey ? nodes.get(parentKey) : undefined;
    if (parent && parent !== nodes.get(unit.key)) parent.children.push(nodes.get(unit.key)!);
    else top.push(nodes.get(unit.key)!);
  }
  return top;
}

/** Splits children over numbered part issues when one parent would hold more than GitHub allows. */
function fitChildren(node: TreeNode): TreeNode {
  const children = node.children.map(fitChildren);
  if (children.length <= MAX_SUB_ISSUES_PER_PARENT) return { ...node, children };
  const parts: TreeNode[] = [];
  for (let start = 0; start < children.length; start += MAX_SUB_ISSUES_PER_PARENT) {
    const n = parts.length + 1;
    parts.push({
      key: `part:${node.key}:${n}`,
      kind: 'part',
      children: children.slice(start, start + MAX_SUB_ISSUES_PER_PARENT),
    });
  }
  return fitChildren({ ...node, children: parts });
}

/** Below the deepest level GitHub allows, sub-issues are attached to the last allowed level, in order. */
function capDepth(node: TreeNode, level: number): TreeNode {
  if (level < MAX_SUB_ISSUE_LEVELS - 1)
    return { ...node, children: node.children.map((child) => capDepth(child, level + 1)) };
  const flat: TreeNode[] = [];
  const collect = (children: TreeNode[]) => {
    for (const child of children) {
      flat.push({ ...child, children: [] });
      collect(child.children);
    }
  };
  collect(node.children);
  return { ...node, children: flat };
}

function phaseGroups(doc: SpecDocument, units: readonly IssueUnit[], top: TreeNode[]): TreeNode[] {
  const phaseOf = new Map(doc.tasks.map((task) => [task.id, task.phase ?? 'none']));
  const firstTask = new Map(units.map((unit) => [unit.key, unit.taskIds[0] ?? '']));
  const groups = new Map<string, TreeNode>();
  for (const node of top) {
    const phase = phaseOf.get(firstTask.get(node.key) ?? '') ?? 'none';
    const group = groups.get(phase) ?? { key: `phase:${phase}`, kind: 'phase' as const, children: [] };
    group.children.push(node);
    groups.set(phase, group);
  }
  return [...groups.values()];
}

/**
 * The desired sub-issue tree of one spec: its parent issue (`spec`) holds the units in file order, Kiro
 * parent tasks hold their sub-tasks. When more units sit at the top than one parent may hold, the spec's
 * parent holds one issue per phase and the units go under those; a phase still too large is split into
 * numbered parts. Nothing goes deeper than GitHub's 8 levels (docs/structure.md).
 */
export function planSubIssueTree(doc: SpecDocument, units: readonly IssueUnit[]): TreeNode {
  const onlySpec = units.length === 1 && units[0]!.kind === 'spec';
  if (onlySpec) return { key: 'spec', kind: 'spec', children: [] };
  const top = nestUnits(doc, units);
  // Phase issues exist only as holders of task issues: story and phase units are few enough already.
  const byPhase = top.length > MAX_SUB_ISSUES_PER_PARENT && units.every((unit) => unit.kind === 'task');
  const children = byPhase ? phaseGroups(doc, units, top) : top;
  return capDepth(fitChildren({ key: 'spec', kind: 'spec', children }), 1);
}

/** Every parent → sub-issue pair of a tree, parents before their children, siblings in order. */
export function treeRelations(root: TreeNode): { from: string; to: string }[] {
  return root.children.flatMap((child) => [{ from: root.key, to: child.key }, ...treeRelations(child)]);
}
