import picomatch from 'picomatch';

/**
 * Which specs a set of paths concerns. A spec is named by the directory of its task file
 * (`specs/002-billing/tasks.md` → `specs/002-billing`); any file in that directory concerns it,
 * since the gates read spec.md and plan.md too.
 */

export interface SpecLocation {
  /** The spec's directory, e.g. `specs/002-billing`: its identity everywhere in spec-sync. */
  dir: string;
  /** The task file, e.g. `specs/002-billing/tasks.md`. */
  tasksPath: string;
  /** The directory's last part, e.g. `002-billing`: spec-kit's branch name for the spec. */
  name: string;
}

export function specLocation(tasksPath: string): SpecLocation {
  const slash = tasksPath.lastIndexOf('/');
  const dir = slash === -1 ? '.' : tasksPath.slice(0, slash);
  const name = dir.slice(dir.lastIndexOf('/') + 1);
  return { dir, tasksPath, name };
}

/** The spec task files among `paths` (e.g. a tree listing). */
export function findSpecs(paths: readonly string[], globs: readonly string[]): SpecLocation[] {
  const isTaskFile = picomatch([...globs], { dot: true });
  return paths
    .filter((path) => isTaskFile(path))
    .sort()
    .map(specLocation);
}

/**
 * Task files of the specs that `changedPaths` touch, as far as the paths alone tell: a changed task file,
 * or another file in a directory where a task file could live. The caller confirms those against the tree.
 */
export function touchedSpecCandidates(changedPaths: readonly string[], globs: readonly string[]): string[] {
  const isTaskFile = picomatch([...globs], { dot: true });
  const taskFileNames = globs.map((glob) => glob.slice(glob.lastIndexOf('/') + 1));
  const isSpecDir = picomatch(
    globs.map((glob) => glob.slice(0, Math.max(glob.lastIndexOf('/'), 0)) || '.'),
    { dot: true },
  );
  const candidates = new Set<string>();
  for (const path of changedPaths) {
    if (isTaskFile(path)) {
      candidates.add(path);
      continue;
    }
    const dir = specLocation(path).dir;
    if (!isSpecDir(dir)) continue;
    for (const fileName of taskFileNames) {
      const candidate = `${dir}/${fileName}`;
      if (isTaskFile(candidate)) candidates.add(candidate);
    }
  }
  return [...candidates].sort();
}

/** Paths that might concern a spec before the config is read: a push touching none of these costs no request. */
export function mayConcernSpecs(path: string): boolean {
  return (
    /(^|\/)(tasks?|spec|plan|requirements|design|research)\.md$/i.test(path) ||
    path === '.github/spec-sync.yml'
  );
}
