import Handlebars from 'handlebars';
import { inspectTemplate } from './inspect-template.js';

/** Text a template may render at most: far more than any GitHub field takes, far less than a flood. */
export const MAX_RENDERED_CHARS = 1_000_000;
/** Compiled templates kept; repositories' own templates come and go. */
const COMPILED_CACHE_SIZE = 100;

/**
 * A template that cannot be used: missing, refused before it runs (recursive, expanding without bound, not
 * compiling) or failing as it renders. The message says why; `path` is the template's file when it is a
 * repository's own, so the check run points there.
 */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(message: string, options: { cause?: unknown; path?: string } = {}) {
    super(message, { cause: options.cause });
    this.path = options.path ?? null;
  }
  readonly path: string | null;
}

export type CompiledTemplate = (view: object) => string;

/** Where a template comes from: what it is for, and its file when a repository supplies it. */
export interface TemplateSource {
  what: string;
  path?: string;
}

/** The one Handlebars engine spec-sync renders with (issue texts, check summaries, pull request comments). */
const engine = Handlebars.create();
// `{{log …}}` would let a repository's template write to the app's log.
engine.unregisterHelper('log');
const compiled = new Map<string, CompiledTemplate>();

/**
 * A template compiled once per source. Markdown, not HTML: values go in as written (task text is Markdown
 * too). The template is inspected before it is compiled (inspect-template.ts), so a template that recurses
 * or expands without bound is refused before it runs; what it renders is capped at MAX_RENDERED_CHARS. A
 * template that fails throws a TemplateError naming it.
 */
export function compileTemplate(source: TemplateSource | string, text: string): CompiledTemplate {
  const from = typeof source === 'string' ? { what: source } : source;
  const name = from.path ? `${from.what} template ${from.path}` : `${from.what} template`;
  const fail = (reason: string, cause?: unknown): never => {
    throw new TemplateError(`The ${name} cannot be used: ${reason}`, { cause, path: from.path });
  };
  let template = compiled.get(text);
  if (template) compiled.delete(text);
  else {
    const problem = inspectTemplate(text);
    if (problem) fail(problem);
    template = engine.compile(text, { noEscape: true });
  }
  compiled.set(text, template!);
  if (compiled.size > COMPILED_CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
  const render = template!;
  return (view) => {
    let output = '';
    try {
      output = render(view);
    } catch (error) {
      fail((error as Error).message, error);
    }
    if (output.length > MAX_RENDERED_CHARS)
      fail(
        `it renders ${output.length.toLocaleString('en-US')} characters, limit ${MAX_RENDERED_CHARS.toLocaleString('en-US')}`,
      );
    return output;
  };
}

/**
 * Renders text that lands on an issue or comment. Our own comment markers are neutralised afterwards so no
 * task text or template can forge or break the owned section.
 */
export function renderTemplate(source: TemplateSource | string, text: string, view: object): string {
  return neutraliseMarkers(compileTemplate(source, text)(view));
}

function neutraliseMarkers(text: string): string {
  return text.replace(/<!--(\s*spec-sync:)/g, '&lt;!--$1');
}
