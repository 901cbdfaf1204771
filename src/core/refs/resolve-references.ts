import type { ReferenceIntent, ReferenceSource, TaskReference } from './task-reference.js';

export { describeAmbiguity } from './describe-ambiguity.js';

export interface SpecIndexEntry {
  /** Repository-relative directory of the spec: `specs/002-billing`, `.kiro/specs/auth`. */
  dir: string;
  /** The directory's last part: `002-billing`, `auth`. */
  name: string;
  taskIds: ReadonlySet<string>;
  /** The spec's own branch when it has one (spec-kit: a branch named after the spec), else null. */
  branch: string | null;
}

export interface ResolveContext {
  specs: SpecIndexEntry[];
  baseBranch: string;
  headBranch: string;
  /** Paths the pull request changes. */
  touchedPaths: string[];
  /** Task issues by number. */
  issues: ReadonlyMap<number, { specDir: string; taskId: string }>;
}

export interface ResolvedTask {
  specDir: string;
  taskId: string;
  intent: ReferenceIntent;
  /** Where the PR named the task (`title`, `body`, …), in order, each once. */
  sources: ReferenceSource[];
}

export interface AmbiguousReference {
  ref: TaskReference;
  /** Directories of the specs the reference could mean. */
  candidates: string[];
}

export interface ResolvedReferences {
  tasks: ResolvedTask[];
  ambiguous: AmbiguousReference[];
  unresolved: TaskReference[];
}

type Outcome =
  | { kind: 'task'; specDir: string; taskId: string }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'unresolved' };

/** Maps references to tasks of known specs (docs/pr-references.md, "Which spec"); nothing is guessed. */
export function resolveReferences(refs: TaskReference[], ctx: ResolveContext): ResolvedReferences {
  const tasks = new Map<string, ResolvedTask>();
  const ambiguous: AmbiguousReference[] = [];
  const unresolved: TaskReference[] = [];
  for (const ref of refs) {
    const outcome = resolveOne(ref, ctx);
    if (outcome.kind === 'ambiguous') ambiguous.push({ ref, candidates: outcome.candidates });
    else if (outcome.kind === 'unresolved') unresolved.push(ref);
    else addTask(tasks, outcome.specDir, outcome.taskId, ref);
  }
  return { tasks: [...tasks.values()], ambiguous, unresolved };
}

function resolveOne(ref: TaskReference, ctx: ResolveContext): Outcome {
  if (ref.issueNumber !== null) {
    const task = ctx.issues.get(ref.issueNumber);
    return task ? { kind: 'task', ...task } : { kind: 'unresolved' };
  }
  if (ref.id === null) return { kind: 'unresolved' };
  const id = ref.id;
  const holders = ctx.specs.filter((spec) => spec.taskIds.has(id));
  if (ref.spec !== null)
    return pickOnly(
      holders.filter((spec) => matchesQualifier(spec, ref.spec!)),
      id,
    );
  return resolveUnqualified(id, holders, ctx);
}

/**
 * spec-kit IDs restart at T001 in every spec, so an unqualified ID is narrowed by
 * (1) the spec whose branch the PR comes from or goes into, (2) the specs whose files it touches,
 * (3) being the only spec with that ID.
 */
function resolveUnqualified(id: string, holders: SpecIndexEntry[], ctx: ResolveContext): Outcome {
  let candidates = holders;
  const onBranch = branchSpecs(ctx);
  if (onBranch.length > 0) {
    // The PR belongs to that spec: an ID it lacks is a mistake, not a reference to another spec.
    candidates = candidates.filter((spec) => onBranch.includes(spec));
    if (candidates.length <= 1) return pickOnly(candidates, id);
  }
  const touched = candidates.filter((spec) => touches(spec, ctx.touchedPaths));
  if (touched.length > 0) candidates = touched;
  return pickOnly(candidates, id);
}

function pickOnly(candidates: SpecIndexEntry[], taskId: string): Outcome {
  if (candidates.length === 0) return { kind: 'unresolved' };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates: candidates.map((spec) => spec.dir) };
  return { kind: 'task', specDir: candidates[0]!.dir, taskId };
}

function branchSpecs(ctx: ResolveContext): SpecIndexEntry[] {
  const on = (branch: string) => ctx.specs.filter((spec) => spec.branch !== null && spec.branch === branch);
  const head = on(ctx.headBranch);
  return head.length > 0 ? head : on(ctx.baseBranch);
}

function touches(spec: SpecIndexEntry, paths: string[]): boolean {
  const prefix = `${trimSlashes(spec.dir)}/`;
  return paths.some((path) => path.startsWith(prefix));
}

/** `002-billing`, `specs/002-billing`, `specs/002-billing/tasks.md`, `002` and `auth` (for `.kiro/specs/auth`). */
export function matchesQualifier(spec: SpecIndexEntry, qualifier: string): boolean {
  const wanted = trimSlashes(
    qualifier
      .toLowerCase()
      .replace(/^\.\//, '')
      .replace(/\/tasks\.md$/, ''),
  );
  const dir = trimSlashes(spec.dir.toLowerCase());
  const name = spec.name.toLowerCase();
  if (wanted === dir || wanted === name || dir.endsWith(`/${wanted}`)) return true;
  return /^\d+$/.test(wanted) && name.startsWith(`${wanted}-`);
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

function addTask(
  tasks: Map<string, ResolvedTask>,
  specDir: string,
  taskId: string,
  ref: TaskReference,
): void {
  const key = `${specDir}\u0000${taskId}`;
  const task = tasks.get(key) ?? { specDir, taskId, intent: ref.intent, sources: [] };
  if (ref.intent === 'close') task.intent = 'close';
  if (!task.sources.includes(ref.source)) task.sources.push(ref.source);
  tasks.set(key, task);
}
