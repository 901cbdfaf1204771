import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { GateInput } from '../core/gates/types.js';
import type { SpecDocument } from '../core/model.js';
import { specLocation } from '../core/specs/find-specs.js';
import { specDocumentsOf } from '../core/specs/spec-documents.js';

export type ParseTasks = (text: string, options: { path: string }) => SpecDocument;

/** Directories a spec never lives in, skipped by the walk. */
const SKIPPED = new Set(['node_modules', '.git']);

/** The repository a path belongs to: the nearest directory holding `.git` or `.github/spec-sync.yml`. */
export function findRepositoryRoot(path: string, fallback: string): string {
  let dir = resolve(path);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    if (existsSync(join(dir, '.git')) || existsSync(join(dir, '.github', 'spec-sync.yml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(fallback);
    dir = parent;
  }
}

/** Repository-relative task files under `path`: the file itself, a spec directory's, or every match of the globs. */
export function findLocalSpecs(root: string, path: string, globs: readonly string[]): string[] {
  const absolute = resolve(path);
  const stats = statSync(absolute);
  if (stats.isFile()) return [toRepoPath(root, absolute)];
  const own = ['tasks.md', 'task.md'].map((name) => join(absolute, name)).find((file) => existsSync(file));
  if (own) return [toRepoPath(root, own)];
  const matches = picomatch([...globs], { dot: true });
  return walk(absolute)
    .map((file) => toRepoPath(root, file))
    .filter((file) => matches(file))
    .sort();
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.isFile() ? [full] : [];
  });
}

function toRepoPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/** Reads a spec's task file and its documents from disk into what the gates take. */
export function loadLocalSpec(root: string, tasksPath: string, parse: ParseTasks): GateInput {
  const specDir = specLocation(tasksPath).dir;
  const tasksText = readFileSync(join(root, tasksPath), 'utf8');
  const documents = specDocumentsOf(specDir, (path) =>
    existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : null,
  );
  return { specDir, tasksPath, doc: parse(tasksText, { path: tasksPath }), documents, tasksText };
}
