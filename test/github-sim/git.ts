import { createHash } from 'node:crypto';

/** path → file content (UTF-8 text) */
export type FileTree = ReadonlyMap<string, string>;
export type FileChanges = Readonly<Record<string, string | null>>;
export type ChangeStatus = 'added' | 'modified' | 'removed';
export interface FileChange {
  path: string;
  status: ChangeStatus;
  sha: string;
  additions: number;
  deletions: number;
}
export interface StoredCommit {
  sha: string;
  treeSha: string;
  tree: FileTree;
  parents: string[];
  message: string;
  author: string;
  date: string;
}

/** Git's blob id: sha1 of `blob <size>\0<content>`, the value GitHub returns as `sha` for a file. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function hashOf(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

/** Not git's binary tree format, but stable: equal trees get equal ids. */
export function treeSha(tree: FileTree): string {
  const lines = [...tree.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([p, c]) => `${p} ${blobSha(c)}`);
  return hashOf('tree', ...lines);
}

export function applyChanges(tree: FileTree, changes: FileChanges): Map<string, string> {
  const next = new Map(tree);
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) next.delete(path);
    else next.set(path, content);
  }
  return next;
}

function lineCount(text: string | undefined): number {
  if (!text) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Files that differ between two trees, sorted by path, with GitHub's status words. */
export function diffTrees(before: FileTree, after: FileTree): FileChange[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  const changes: FileChange[] = [];
  for (const path of [...paths].sort()) {
    const old = before.get(path);
    const now = after.get(path);
    if (old === now) continue;
    const status: ChangeStatus = old === undefined ? 'added' : now === undefined ? 'removed' : 'modified';
    changes.push({
      path,
      status,
      sha: blobSha(now ?? ''),
      additions: status === 'removed' ? 0 : lineCount(now),
      deletions: status === 'added' ? 0 : lineCount(old),
    });
  }
  return changes;
}

/** Changes relative to `base` expressed as a change set, to replay on another tree. */
export function changesBetween(base: FileTree, head: FileTree): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const change of diffTrees(base, head)) changes[change.path] = head.get(change.path) ?? null;
  return changes;
}

/** Directory names implied by a tree's file paths (`a/b/c.md` → `a`, `a/b`). */
export function directoriesOf(tree: FileTree): Set<string> {
  const dirs = new Set<string>();
  for (const path of tree.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i += 1) dirs.add(parts.slice(0, i).join('/'));
  }
  return dirs;
}

/** The subtree under `dir` with paths relative to it. */
export function subtree(tree: FileTree, dir: string): Map<string, string> {
  const prefix = `${dir}/`;
  const result = new Map<string, string>();
  for (const [path, content] of tree)
    if (path.startsWith(prefix)) result.set(path.slice(prefix.length), content);
  return result;
}
