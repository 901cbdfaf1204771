import Handlebars from 'handlebars';

/** A template that does not compile or render: the message names which one, the engine's error is the cause. */
export class IssueTemplateError extends Error {
  override readonly name = 'IssueTemplateError';
}

type Render = (view: object) => string;

const compiled = new Map<string, Render>();

/**
 * Renders Markdown, not HTML: values go in as written (task text is Markdown too). Our own comment markers
 * are neutralised afterwards so no task text or template can forge or break the owned section.
 */
export function renderTemplate(what: string, source: string, view: object): string {
  try {
    return neutraliseMarkers(compile(source)(view));
  } catch (error) {
    throw new IssueTemplateError(`The ${what} template cannot be rendered: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function compile(source: string): Render {
  let render = compiled.get(source);
  if (!render) {
    // Handlebars compiles lazily: a syntax error surfaces on the first render, still inside the caller's try.
    render = Handlebars.compile(source, { noEscape: true });
    compiled.set(source, render);
  }
  return render;
}

export function neutraliseMarkers(text: string): string {
  return text.replace(/<!--(\s*spec-sync:)/g, '&lt;!--$1');
}
