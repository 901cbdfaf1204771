/**
 * Mermaid's own parser, as GitHub runs it to draw ```mermaid blocks. It needs a browser (DOMPurify), so
 * the test files that use it run in Jest's jsdom environment (`@jest-environment jsdom` docblock).
 */
let parser: Promise<(text: string) => Promise<unknown>> | undefined;

async function loadParser(): Promise<(text: string) => Promise<unknown>> {
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false });
  return (text) => mermaid.parse(text);
}

export async function parseMermaid(text: string): Promise<unknown> {
  parser ??= loadParser();
  return (await parser)(text);
}
