import { describe, expect, it } from '@jest/globals';
import {
  inspectTemplate,
  MAX_PARTIAL_DEPTH,
  MAX_PARTIAL_EXPANSIONS,
  MAX_TEMPLATE_CHARS,
} from '../../../src/core/render/inspect-template.js';
import {
  compileTemplate,
  MAX_RENDERED_CHARS,
  TemplateError,
} from '../../../src/core/render/render-template.js';

/** `count` calls of one empty partial. */
const calls = (count: number) => `{{#*inline "a"}}x{{/inline}}${'{{> a}}'.repeat(count)}`;

/** A chain of `length` partials, each calling the next once. */
function chain(length: number): string {
  const defs = Array.from({ length }, (_, n) =>
    n === length - 1
      ? `{{#*inline "p${n}"}}end{{/inline}}`
      : `{{#*inline "p${n}"}}{{> p${n + 1}}}{{/inline}}`,
  );
  return `${defs.join('')}{{> p0}}`;
}

describe('inspectTemplate', () => {
  it.each([
    ['exactly the partial expansions allowed', calls(MAX_PARTIAL_EXPANSIONS), null],
    [
      'one expansion past the limit',
      calls(MAX_PARTIAL_EXPANSIONS + 1),
      'its partials expand more than 1,000 times',
    ],
    ['a chain exactly as deep as allowed', chain(MAX_PARTIAL_DEPTH), null],
    [
      'a chain one deeper',
      chain(MAX_PARTIAL_DEPTH + 1),
      `partials call partials more than ${MAX_PARTIAL_DEPTH} deep`,
    ],
    ['a template exactly as long as allowed', 'x'.repeat(MAX_TEMPLATE_CHARS), null],
    ['one character longer', 'x'.repeat(MAX_TEMPLATE_CHARS + 1), 'characters long, limit 100,000'],
    [
      'a partial calling itself',
      '{{#*inline "a"}}{{> a}}{{/inline}}{{> a}}',
      'the partial "a" calls itself (a → a)',
    ],
    ['a partial named at run time', '{{> (lookup . "x")}}', 'a partial is named at run time'],
    ['a partial block', '{{#> a}}x{{/a}}', 'the partial block {{#> a}}'],
    ['an unclosed block', '{{#if x}}', 'it does not compile'],
    ['the built-in shape of a template', '{{#each tasks}}- {{title}}\n{{/each}}', null],
  ])('%s', (_name, source, problem) => {
    const found = inspectTemplate(source);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});

describe('compileTemplate', () => {
  it('renders exactly MAX_RENDERED_CHARS, and refuses one character more', () => {
    const render = compileTemplate('test', '{{text}}');
    expect(render({ text: 'x'.repeat(MAX_RENDERED_CHARS) })).toHaveLength(MAX_RENDERED_CHARS);
    expect(() => render({ text: 'x'.repeat(MAX_RENDERED_CHARS + 1) })).toThrow(TemplateError);
  });

  it('names the template file in the error and keeps it as the path', () => {
    let caught: unknown;
    try {
      compileTemplate({ what: 'issue body', path: '.github/t.md' }, '{{> nope}}');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateError);
    expect((caught as TemplateError).path).toBe('.github/t.md');
    expect((caught as Error).message).toContain('The issue body template .github/t.md cannot be used');
  });

  it('has no log helper, so a template cannot write to the app log', () => {
    expect(() => compileTemplate('test', '{{log "hello"}}')({})).toThrow(TemplateError);
  });
});
