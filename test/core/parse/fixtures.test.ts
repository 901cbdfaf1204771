import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../../src/core/model.js';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';

/**
 * One folder per notation: `input.md` and a hand-written `expected.json` naming only the fields that
 * matter for the case. `tasks` and `phases` list every task and phase in order; `findings` must be
 * present; `noFindings` lists codes that must be absent.
 */
interface Expected {
  path?: string;
  dialect?: string;
  title?: string | null;
  frontmatter?: Record<string, unknown>;
  phases?: Array<Record<string, unknown>>;
  tasks?: Array<Record<string, unknown>>;
  checkpoints?: Array<Record<string, unknown>>;
  findings?: Array<Partial<Finding>>;
  noFindings?: string[];
}

const root = fileURLToPath(new URL('../../fixtures/parse/', import.meta.url));
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('parse fixtures', () => {
  it('has fixture folders', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)('%s', (name) => {
    const input = readFileSync(join(root, name, 'input.md'), 'utf8');
    const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Expected;
    const document = parseTasks(input, { path: expected.path ?? `specs/${name}/tasks.md` });
    const { findings, noFindings, path: _path, ...shape } = expected;
    expect(document).toMatchObject(shape);
    for (const finding of findings ?? [])
      expect(document.findings).toContainEqual(expect.objectContaining(finding));
    const codes = document.findings.map((finding) => finding.code);
    for (const code of noFindings ?? []) expect(codes).not.toContain(code);
  });
});
