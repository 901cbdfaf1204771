import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's `templates/` folder, found from this file whether it runs from `src/` or `dist/src/`. */
function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'templates')) || !existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('spec-sync cannot find its templates/ folder');
    dir = parent;
  }
  return join(dir, 'templates');
}

const cache = new Map<string, string>();

/** A built-in template's source (Handlebars), read once per process. */
export function builtinTemplate(name: string): string {
  let source = cache.get(name);
  if (source === undefined) {
    source = readFileSync(join(templatesDir(), name), 'utf8');
    cache.set(name, source);
  }
  return source;
}
