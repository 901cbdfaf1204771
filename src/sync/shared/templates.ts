import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTemplate } from '../../core/render/render-template.js';

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

/** The built-in templates, by file. */
export const BUILTIN_TEMPLATES = ['issue-body.md.hbs', 'check-summary.md.hbs', 'pr-comment.md.hbs'] as const;

/**
 * Compiles the built-in templates now, at start: Handlebars compiles a template on its first render, tens
 * of milliseconds that would otherwise fall on the first job (and every webhook waiting behind it).
 */
export function warmBuiltinTemplates(): void {
  for (const name of BUILTIN_TEMPLATES) {
    try {
      compileTemplate(name, builtinTemplate(name))({});
    } catch {
      // a template that needs its view fails here harmlessly; it is compiled all the same
    }
  }
}
