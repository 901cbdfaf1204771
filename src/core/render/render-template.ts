import Handlebars from 'handlebars';
import { type NeutralizeOptions, neutralizeMarkdown, neutralizePlainText } from '../text/neutralize-text.js';
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

/**
 * How the values of a view are made safe before a template sees them (src/core/text/neutralize-text.ts):
 * Markdown by default (mentions and issue references made inert, HTML escaped, unsafe links as text),
 * `plain` for one-line fields such as titles (mentions and references only).
 */
export interface TextRule extends NeutralizeOptions {
  plain?: boolean;
}

/** Text spec-sync built itself (`#12` linking its own issue): goes into a template as it is. */
export class TrustedText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function trusted(text: string): TrustedText {
  return new TrustedText(text);
}

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
 * A template compiled once per source. Markdown, not HTML: values go in unescaped (task text is Markdown
 * too), but each first under the text rule (`neutralizeView`). The template is inspected before it is compiled (inspect-template.ts), so a template that recurses
 * or expands without bound is refused before it runs; what it renders is capped at MAX_RENDERED_CHARS. A
 * template that fails throws a TemplateError naming it.
 */
export function compileTemplate(
  source: TemplateSource | string,
  text: string,
  rule: TextRule = {},
): CompiledTemplate {
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
      output = render(neutralizeView(view, rule) as object);
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
 * The one place the text rule meets what others wrote: every string of a view (task text, PR text, commit
 * messages, names from the repository) is neutralised on its way into any template, so a template, built
 * in or a repository's own, cannot put a live mention, a cross-reference, raw HTML or a `javascript:` link
 * on GitHub. Only TrustedText, built by spec-sync itself, goes in unchanged.
 */
function neutralizeView(value: unknown, rule: TextRule): unknown {
  if (typeof value === 'string')
    return rule.plain ? neutralizePlainText(value, rule) : neutralizeMarkdown(value, rule);
  if (value instanceof TrustedText) return value.text;
  if (Array.isArray(value)) return value.map((item) => neutralizeView(item, rule));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, neutralizeView(item, rule)]));
  return value;
}

/**
 * Renders text that lands on an issue or comment. Our own comment markers are neutralised afterwards so no
 * task text or template can forge or break the owned section.
 */
export function renderTemplate(
  source: TemplateSource | string,
  text: string,
  view: object,
  rule: TextRule = {},
): string {
  return neutraliseMarkers(compileTemplate(source, text, rule)(view));
}

function neutraliseMarkers(text: string): string {
  return text.replace(/<!--(\s*spec-sync:)/g, '&lt;!--$1');
}
