import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from '@jest/globals';
import { RUNTIME_VARIABLES } from '../../src/runtime/runtime-env.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // The action reads the runner's GITHUB_* and INPUT_* variables, which no .env sets.
    if (entry.isDirectory()) return entry.name === 'action' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Variables the server and the CLI read: Probot's own (its env reader) and spec-sync's (process.env.X, env.X, the runtime's schema). */
function variablesRead(): Set<string> {
  const texts = [
    readFileSync(join(root, 'node_modules/probot/lib/bin/read-env-options.js'), 'utf8'),
    ...sources(join(root, 'src')).map((file) => readFileSync(file, 'utf8')),
  ];
  const names = texts.flatMap((text) =>
    [...text.matchAll(/\b(?:process\.)?env\.([A-Z][A-Z0-9_]+)\b/g)].map((m) => m[1]!),
  );
  // the runtime's own variables are read through its zod schema (runtime-env.ts), not as env.X
  return new Set([...names, ...RUNTIME_VARIABLES]);
}

it('.env.example names every variable the server and the CLI read, each with a comment above it', () => {
  const example = readFileSync(join(root, '.env.example'), 'utf8').split('\n');
  const listed = new Map<string, number>();
  example.forEach((line, index) => {
    const match = /^#? ?([A-Z][A-Z0-9_]+)=/.exec(line);
    if (match) listed.set(match[1]!, index);
  });
  const read = [...variablesRead()];
  expect(read).toContain('APP_ID');
  expect(read.filter((name) => !listed.has(name))).toEqual([]);
  for (const [name, index] of listed) {
    const above = example
      .slice(0, index)
      .reverse()
      .find((line) => !/^#? ?[A-Z][A-Z0-9_]+=/.test(line));
    expect([name, above?.startsWith('# ')]).toEqual([name, true]);
  }
});

it('.env.example sets no variable to an empty value', () => {
  const empty = readFileSync(join(root, '.env.example'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z][A-Z0-9_]*=\s*$/.test(line));
  expect(empty).toEqual([]);
});
