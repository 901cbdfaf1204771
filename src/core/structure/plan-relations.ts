import type { SpecDocument } from '../model.js';
import { unitOfTask } from './group-units.js';
import type { IssueUnit, Relation, StructureOptions, TreeNode } from './types.js';

function relationKey(relation: Relation): string {
  return `${relation.from}\u0000${relation.to}`;
}

function unique(relations: Relation[]): Relation[] {
  const seen = new Set<string>();
  return relations.filter((relation) => {
    const key = relationKey(relation);
    if (seen.has(key) || relation.from === relation.to) return false;
    seen.add(key);
    return true;
  });
}

function phaseKeys(tree: TreeNode): Set<string> {
  const keys = new Set<string>();
  const visit = (node: TreeNode) => {
    if (node.key.startsWith('phase:')) keys.add(node.key);
    node.children.forEach(visit);
  };
  visit(tree);
  return keys;
}

/**
 * The blocked-by relations the file asks for, between issues: each `depends on` of a task becomes "the
 * task's issue is blocked by the dependency's issue" (unknown IDs and relations inside one issue are left
 * out). With `phaseBlockedBy`, a phase blocked by another becomes a relation between their phase issues,
 * where the structure has phase issues.
 */
export function planBlockedBy(
  doc: SpecDocument,
  units: readonly IssueUnit[],
  tree: TreeNode,
  options: Pick<StructureOptions, 'blockedBy' | 'phaseBlockedBy'>,
): Relation[] {
  const unitOf = unitOfTask(units);
  const relations: Relation[] = [];
  if (options.blockedBy) {
    for (const task of doc.tasks) {
      const from = unitOf.get(task.id);
      for (const dependency of task.dependsOn) {
        const to = unitOf.get(dependency);
        if (from !== undefined && to !== undefined) relations.push({ from, to });
      }
    }
  }
  if (options.phaseBlockedBy) {
    const phases = new Set([
      ...phaseKeys(tree),
      ...units.map((unit) => unit.key).filter((key) => key.startsWith('phase:')),
    ]);
    for (const phase of doc.phases) {
      for (const blocker of phase.blockedBy) {
        const relation = { from: `phase:${phase.id}`, to: `phase:${blocker}` };
        if (phases.has(relation.from) && phases.has(relation.to)) relations.push(relation);
      }
    }
  }
  return unique(relations);
}

export interface RelationChanges {
  add: Relation[];
  remove: Relation[];
}

/**
 * What to change so the actual relations match the desired ones. Only relations spec-sync made may be
 * removed (`made`): a relation a person added on GitHub stays, even when the file does not ask for it.
 */
export function diffRelations(
  desired: readonly Relation[],
  actual: readonly Relation[],
  made: readonly Relation[],
): RelationChanges {
  const actualKeys = new Set(actual.map(relationKey));
  const desiredKeys = new Set(desired.map(relationKey));
  const madeKeys = new Set(made.map(relationKey));
  return {
    add: unique(desired.filter((relation) => !actualKeys.has(relationKey(relation)))),
    remove: unique(
      actual.filter(
        (relation) => madeKeys.has(relationKey(relation)) && !desiredKeys.has(relationKey(relation)),
      ),
    ),
  };
}

/** One move of GitHub's sub-issue priority endpoint: put `key` right after `after` (null: first). */
export interface SubIssueMove {
  key: string;
  after: string | null;
}

/** Positions of the longest run of `actual` already in desired order (longest increasing subsequence). */
function keptInPlace(order: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(order.length).fill(-1);
  order.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (order[tails[middle]!]! < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1]!;
    tails[low] = index;
  });
  const kept = new Set<number>();
  for (let index = tails.at(-1) ?? -1; index !== -1; index = previous[index]!) kept.add(index);
  return kept;
}

/**
 * The fewest moves that put a parent's sub-issues in the desired order: sub-issues already in order stay,
 * the others are placed, in desired order, right after their desired predecessor. Keys in only one of the
 * lists are ignored (they are added or removed separately).
 */
export function planSubIssueOrder(desired: readonly string[], actual: readonly string[]): SubIssueMove[] {
  const rank = new Map(desired.filter((key) => actual.includes(key)).map((key, index) => [key, index]));
  const present = actual.filter((key) => rank.has(key));
  const kept = keptInPlace(present.map((key) => rank.get(key)!));
  const stays = new Set(present.filter((_key, index) => kept.has(index)));
  const wanted = [...rank.keys()];
  return wanted.flatMap((key, index) =>
    stays.has(key) ? [] : [{ key, after: index === 0 ? null : wanted[index - 1]! }],
  );
}
