import { diffRelations, planSubIssueOrder } from '../../core/structure/plan-relations.js';
import type { Relation, TreeNode } from '../../core/structure/types.js';
import { isStatus } from '../../github/errors.js';
import type { IssueSnapshot } from '../../github/gateway.js';
import type { StructureRun } from './structure-run.js';

type Children = Map<string, string[]>;

function byFrom(relations: readonly Relation[]): Children {
  const grouped: Children = new Map();
  for (const { from, to } of relations) grouped.set(from, [...(grouped.get(from) ?? []), to]);
  return grouped;
}

const same = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && a.every((key, index) => key === b[index]);

/** Keys of issues GitHub lists; an issue that is not one of the spec's reads as `#id` and is never touched. */
function keysOf(run: StructureRun, listed: readonly IssueSnapshot[]): string[] {
  const keyById = new Map([...run.issues].map(([key, issue]) => [issue.id, key]));
  return listed.map((issue) => keyById.get(issue.id) ?? `#${issue.id}`);
}

/** Parent → children pairs of a tree, for the parents that have issues. */
function treeChildren(root: TreeNode): Children {
  const children: Children = new Map();
  const visit = (node: TreeNode) => {
    if (node.children.length > 0)
      children.set(
        node.key,
        node.children.map((child) => child.key),
      );
    node.children.forEach(visit);
  };
  visit(root);
  return children;
}

/**
 * Puts each parent's sub-issues as the tree wants them, in file order. A parent whose wanted sub-issues are
 * those spec-sync recorded making is not read at all. Otherwise its sub-issues are listed, the missing ones
 * added (moved from another of the spec's issues when spec-sync had put them there), those spec-sync made
 * and the file no longer wants removed, and the order fixed with the fewest moves. A person's sub-issues stay.
 * Returns the pairs spec-sync now holds as made.
 */
export async function applySubIssues(
  run: StructureRun,
  tree: TreeNode,
  made: Relation[],
): Promise<Relation[]> {
  const wanted = treeChildren(tree);
  const recorded = byFrom(made);
  const parentOf = new Map(made.map(({ from, to }) => [to, from]));
  const result: Relation[] = [];
  // Removals first, so a sub-issue moving between two of the spec's issues is free before it is added.
  const parents = [...new Set([...recorded.keys(), ...wanted.keys()])];
  const current = new Map<string, string[]>();
  for (const parent of parents) {
    const want = (wanted.get(parent) ?? []).filter((key) => run.issues.has(key));
    if (same(want, recorded.get(parent)) && !run.created.has(parent)) {
      current.set(parent, want);
      continue;
    }
    const issue = run.issues.get(parent);
    if (!issue) continue;
    const actual = run.hasHistory(parent) ? keysOf(run, await run.gateway.listSubIssues(issue.number)) : [];
    const mine = new Set(recorded.get(parent) ?? []);
    const keep: string[] = [];
    for (const key of actual) {
      if (mine.has(key) && !want.includes(key)) {
        await run.write(`remove ${key} from the sub-issues of ${parent}`, () =>
          run.gateway.removeSubIssue(issue.number, run.issues.get(key)!.id),
        );
        parentOf.delete(key);
      } else keep.push(key);
    }
    current.set(parent, keep);
  }
  for (const [parent, want] of wanted) {
    const issue = run.issues.get(parent);
    const list = current.get(parent);
    if (!issue || !list) continue;
    for (const key of want) {
      if (list.includes(key) || !run.issues.has(key)) continue;
      if (await addSubIssue(run, parent, key, parentOf.has(key) && parentOf.get(key) !== parent))
        list.push(key);
    }
    await orderSubIssues(run, parent, want, list);
    for (const key of want) if (list.includes(key)) result.push({ from: parent, to: key });
  }
  return result;
}

async function addSubIssue(
  run: StructureRun,
  parent: string,
  key: string,
  replace: boolean,
): Promise<boolean> {
  const { number } = run.issues.get(parent)!;
  // A person gave the issue another parent, or the parent is full: theirs to settle; the rest goes on.
  return refusedIsLogged(run, { parent, key }, 'Sub-issue not added', () =>
    run.write(`add ${key} as a sub-issue of ${parent}`, () =>
      run.gateway.addSubIssue(number, run.issues.get(key)!.id, replace),
    ),
  );
}

/** Runs a write; GitHub refusing it (422) is logged and reads as false, so one refusal stops nothing else. */
async function refusedIsLogged(
  run: StructureRun,
  data: object,
  message: string,
  send: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    if (!isStatus(error, 422)) throw error;
    run.log.warn({ ...data, reason: String(error) }, message);
    return false;
  }
}

/** Moves sub-issues into file order; `list` is the parent's sub-issues as they stand, kept up to date. */
async function orderSubIssues(
  run: StructureRun,
  parent: string,
  want: string[],
  list: string[],
): Promise<void> {
  const { number } = run.issues.get(parent)!;
  const idOf = (key: string) => (key.startsWith('#') ? Number(key.slice(1)) : run.issues.get(key)!.id);
  for (const move of planSubIssueOrder(want, list)) {
    const rest = list.filter((key) => key !== move.key);
    const first = rest[0];
    if (move.after === null && first === undefined) continue;
    const place = move.after === null ? { beforeId: idOf(first!) } : { afterId: idOf(move.after) };
    await run.write(
      `move ${move.key} ${move.after === null ? 'first' : `after ${move.after}`} under ${parent}`,
      () => run.gateway.moveSubIssue(number, idOf(move.key), place),
    );
    rest.splice(move.after === null ? 0 : rest.indexOf(move.after) + 1, 0, move.key);
    list.splice(0, list.length, ...rest);
  }
}

/**
 * Blocked-by relations as the file asks: an issue whose wanted blockers are those spec-sync recorded making
 * is not read. Otherwise its blockers are listed, the missing ones added and those spec-sync made and the
 * file dropped removed; a blocker a person added stays. Returns the relations spec-sync now holds as made.
 */
export async function applyBlockedBy(
  run: StructureRun,
  desired: Relation[],
  made: Relation[],
): Promise<Relation[]> {
  const wanted = byFrom(desired.filter(({ from, to }) => run.issues.has(from) && run.issues.has(to)));
  const recorded = byFrom(made);
  const result: Relation[] = [];
  for (const from of new Set([...recorded.keys(), ...wanted.keys()])) {
    const want = wanted.get(from) ?? [];
    const mine = recorded.get(from) ?? [];
    const issue = run.issues.get(from);
    if (!issue || (same([...want].sort(), [...mine].sort()) && !run.created.has(from))) {
      result.push(...mine.filter((to) => want.includes(to)).map((to) => ({ from, to })));
      continue;
    }
    const actual = run.hasHistory(from) ? keysOf(run, await run.gateway.listBlockedBy(issue.number)) : [];
    const rel = (tos: string[]) => tos.map((to) => ({ from, to }));
    const changes = diffRelations(rel(want), rel(actual), rel(mine));
    for (const { to } of changes.remove) {
      await run.write(`${from} no longer blocked by ${to}`, () =>
        run.gateway.removeBlockedBy(issue.number, run.issues.get(to)!.id),
      );
    }
    const added = new Set<string>();
    for (const { to } of changes.add) {
      // GitHub may refuse a relation (a cycle the file writes, say): logged, and the others still go.
      const sent = await refusedIsLogged(run, { from, to }, 'Blocked-by not added', () =>
        run.write(`${from} blocked by ${to}`, () =>
          run.gateway.addBlockedBy(issue.number, run.issues.get(to)!.id),
        ),
      );
      if (sent) added.add(to);
    }
    // What the file asks for and GitHub now has counts as spec-sync's, whoever added it first.
    result.push(...rel(want.filter((to) => added.has(to) || actual.includes(to))));
  }
  return result;
}
