import type { Config } from '../../config/schema.js';
import type { SpecIndexEntry } from '../../core/refs/resolve-references.js';
import type { SpecLocation } from '../../core/specs/find-specs.js';
import type { RepositoryFiles } from '../../github/gateway.js';
import type { TasksParser } from '../shared/tasks-parser.js';
import { specBranchName } from '../shared/tracking-branch.js';

/**
 * The task IDs (and texts) of specs at one commit, each tasks.md read at most once and only when asked
 * for, so a pull request naming one spec costs one file read, not one per spec in the repository.
 */
export class SpecIndex {
  readonly #entries = new Map<string, SpecIndexEntry>();
  readonly #titles = new Map<string, string>();

  constructor(
    private readonly gateway: RepositoryFiles,
    private readonly commit: string,
    private readonly tracking: Config['tracking'],
    private readonly parse: TasksParser,
  ) {}

  async read(specs: readonly SpecLocation[]): Promise<SpecIndexEntry[]> {
    const entries: SpecIndexEntry[] = [];
    for (const spec of specs) entries.push(this.#entries.get(spec.dir) ?? (await this.#load(spec)));
    return entries;
  }

  /** The task's text, when its spec was read and has it. */
  title(specDir: string, id: string): string | null {
    return this.#titles.get(`${specDir}\u0000${id}`) ?? null;
  }

  async #load(spec: SpecLocation): Promise<SpecIndexEntry> {
    const file = await this.gateway.readFile(this.commit, spec.tasksPath);
    const tasks = file ? (await this.parse(file.text, spec.tasksPath)).tasks : [];
    for (const task of tasks) this.#titles.set(`${spec.dir}\u0000${task.id}`, task.title);
    const entry = indexEntry(spec, new Set(tasks.map((task) => task.id)), this.tracking);
    this.#entries.set(spec.dir, entry);
    return entry;
  }
}

/** A spec's entry; its branch is the one the tracking setting names for it (spec-kit: the spec's name). */
export function indexEntry(
  spec: SpecLocation,
  taskIds: ReadonlySet<string>,
  tracking: Config['tracking'],
): SpecIndexEntry {
  return { dir: spec.dir, name: spec.name, taskIds, branch: specBranchName(spec, tracking) };
}
