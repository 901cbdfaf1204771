import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The key with which a config names another one to start from (Probot's config convention). */
const EXTENDS = '_extends';

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `_extends` as the CLI can follow it: a file on disk (relative to the config file or the repository root)
 * is read and merged under the config as the app merges it (Probot's `composeConfigGet`: top-level keys only,
 * the config's replacing the base's whole, nested objects included); another repository (`_extends: .github`, `org/repo:file.yml`),
 * which only the app can read, is skipped with a notice. Either way the key is gone afterwards.
 */
export function resolveExtends(
  raw: unknown,
  where: { root: string; file: string; shown: string },
  notice: (message: string) => void,
  seen: ReadonlySet<string> = new Set(),
): unknown {
  if (!isObject(raw) || !(EXTENDS in raw)) return raw;
  const { [EXTENDS]: target, ...own } = raw;
  const base = typeof target === 'string' ? findBase(target, where) : undefined;
  if (base === undefined || seen.has(base)) {
    notice(
      `${where.shown}: ${EXTENDS}: ${JSON.stringify(target)} is not a file here; checked with this file alone (the app merges it)`,
    );
    return own;
  }
  const extended = resolveExtends(
    parseYaml(readFileSync(base, 'utf8')) ?? {},
    { ...where, file: base, shown: base },
    notice,
    new Set([...seen, where.file]),
  );
  return isObject(extended) ? { ...extended, ...own } : own;
}

function findBase(target: string, where: { root: string; file: string }): string | undefined {
  const candidates = isAbsolute(target)
    ? [target]
    : [join(dirname(where.file), target), join(where.root, target)];
  return candidates.find((path) => existsSync(path) && /\.ya?ml$/i.test(path));
}
