import Handlebars from 'handlebars';

/** A template longer than this is refused unread: what it renders could not fit an issue body anyway. */
export const MAX_TEMPLATE_CHARS = 100_000;
/** Partials a template may expand in all, counting each call along every path (doubling partials blow up). */
export const MAX_PARTIAL_EXPANSIONS = 1_000;
/** Partials calling partials, at most this deep. */
export const MAX_PARTIAL_DEPTH = 16;

/**
 * Why a template cannot be used, or null when it can. Read from its syntax tree before it ever runs, so a
 * template built to take minutes (partials that double 24 times) or to recurse is refused in microseconds:
 * every partial is an inline one the template defines, named plainly (no `{{> (lookup …)}}`, no
 * `@partial-block`), none calls itself, and all of them together expand a bounded number of times.
 */
export function inspectTemplate(source: string): string | null {
  if (source.length > MAX_TEMPLATE_CHARS)
    return `it is ${source.length.toLocaleString('en-US')} characters long, limit ${MAX_TEMPLATE_CHARS.toLocaleString('en-US')}`;
  let program: Node;
  try {
    program = Handlebars.parse(source) as unknown as Node;
  } catch (error) {
    return `it does not compile: ${firstLine((error as Error).message)}`;
  }
  const partials = new Map<string, Node>();
  return collectPartials(program, partials) ?? expansionProblem(program, partials);
}

interface Node {
  type?: string;
  [key: string]: unknown;
}

/** Inline partial definitions by name; a partial named at run time or a partial block is refused. */
function collectPartials(root: Node, partials: Map<string, Node>): string | null {
  for (const node of walk(root)) {
    if (node.type === 'DecoratorBlock' && pathName(node.path) === 'inline') {
      const [name] = node.params as Node[];
      if (name?.type !== 'StringLiteral') return 'an inline partial has no plain name';
      partials.set(String(name.value), node.program as Node);
    }
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      const name = pathName(node.name);
      if (name === null) return 'a partial is named at run time ({{> (…)}}); name it plainly';
      if (name.startsWith('@')) return `it uses {{> ${name}}}, which spec-sync templates do not support`;
      if (node.type === 'PartialBlockStatement')
        return `it uses the partial block {{#> ${name}}}, which spec-sync templates do not support`;
    }
  }
  return null;
}

/** How many partial calls `root` expands to, or why it may not: unknown, recursive, too deep or too many. */
function expansionProblem(root: Node, partials: Map<string, Node>): string | null {
  const sizes = new Map<string, number>();
  const visit = (node: Node, chain: string[]): number | string => {
    let total = 0;
    for (const call of partialCalls(node)) {
      const body = partials.get(call);
      if (!body) return `it uses the partial "${call}", which it does not define`;
      if (chain.includes(call)) return `the partial "${call}" calls itself (${[...chain, call].join(' → ')})`;
      if (chain.length >= MAX_PARTIAL_DEPTH)
        return `partials call partials more than ${MAX_PARTIAL_DEPTH} deep (${[...chain, call].join(' → ')})`;
      let size = sizes.get(call);
      if (size === undefined) {
        const found = visit(body, [...chain, call]);
        if (typeof found === 'string') return found;
        size = found;
        sizes.set(call, size);
      }
      total += 1 + size;
      if (total > MAX_PARTIAL_EXPANSIONS)
        return `its partials expand more than ${MAX_PARTIAL_EXPANSIONS.toLocaleString('en-US')} times (${[...chain, call].join(' → ')} …)`;
    }
    return total;
  };
  const found = visit(root, []);
  return typeof found === 'string' ? found : null;
}

/** The names of the partials `program` calls, once per call, not looking inside inline definitions. */
function partialCalls(program: Node): string[] {
  const calls: string[] = [];
  for (const node of walk(program, (child) => child.type === 'DecoratorBlock')) {
    if (node.type === 'PartialStatement') calls.push(pathName(node.name) ?? '');
  }
  return calls;
}

/** Every node under `root`, depth first; `skip` prunes a subtree (its root is still yielded). */
function* walk(root: Node, skip: (node: Node) => boolean = () => false): Generator<Node> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    if (node !== root && skip(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc') continue;
      for (const child of Array.isArray(value) ? value : [value])
        if (child && typeof child === 'object') stack.push(child as Node);
    }
  }
}

function pathName(node: unknown): string | null {
  const path = node as Node | undefined;
  if (path?.type === 'PathExpression') return String(path.original);
  if (path?.type === 'StringLiteral' || path?.type === 'NumberLiteral') return String(path.value);
  return null;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.slice(0, 300);
}
