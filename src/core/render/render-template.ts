import Handlebars from 'handlebars';

/** A template that does not compile or render: the message names which one, the engine's error is the cause. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

export type CompiledTemplate = (view: object) => string;

/** The one Handlebars engine spec-sync renders with (issue texts, check summaries, pull request comments). */
const engine = Handlebars.create();
const compiled = new Map<string, CompiledTemplate>();

/**
 * A template compiled once per source. Markdown, not HTML: values go in as written (task text is Markdown
 * too). A template that fails throws a TemplateError naming `what`.
 */
export function compileTemplate(what: string, source: string): CompiledTemplate {
  let render = compiled.get(source);
  if (!render) {
    // Handlebars compiles lazily: a syntax error surfaces on the first render, inside the wrapper's try.
    render = engine.compile(source, { noEscape: true });
    compiled.set(source, render);
  }
  const template = render;
  return (view) => {
    try {
      return template(view);
    } catch (error) {
      throw new TemplateError(`The ${what} template cannot be rendered: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
}

/**
 * Renders text that lands on an issue or comment. Our own comment markers are neutralised afterwards so no
 * task text or template can forge or break the owned section.
 */
export function renderTemplate(what: string, source: string, view: object): string {
  return neutraliseMarkers(compileTemplate(what, source)(view));
}

function neutraliseMarkers(text: string): string {
  return text.replace(/<!--(\s*spec-sync:)/g, '&lt;!--$1');
}
