import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type CheckIo, runCheck } from '../../src/cli/check-command.js';
import type { ParseTasks } from '../../src/cli/load-local-spec.js';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));
const SPEC_KIT = 'specs/001-photo-albums/tasks.md';
const KIRO = '.kiro/specs/password-reset/tasks.md';

let parse: ParseTasks;
let out: string[];
let err: string[];
let copy: string | undefined;

beforeAll(async () => {
  ({ parseTasks: parse } = await import('../../src/core/parse/parse-tasks.js'));
});
afterEach(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
  copy = undefined;
});

function io(cwd: string): CheckIo {
  out = [];
  err = [];
  return { out: (line) => out.push(line), err: (line) => err.push(line), cwd, parse };
}

describe('spec-sync check on examples/ (the README quick start)', () => {
  it('finds both specs through examples/.github/spec-sync.yml and passes them', async () => {
    const code = await runCheck(['examples'], {}, io(join(examples, '..')));
    expect(err).toEqual([]);
    expect(out).toEqual([
      expect.stringMatching(new RegExp(`^\\${KIRO}: success · `)),
      `${SPEC_KIT}: success · All gates hold · 3/7 done`,
    ]);
    expect(code).toBe(0);
  });

  it('checks one spec directory', async () => {
    expect(await runCheck(['specs/001-photo-albums'], {}, io(examples))).toBe(0);
    expect(out).toEqual([`${SPEC_KIT}: success · All gates hold · 3/7 done`]);
  });

  it('fails when a copy of the example ticks T007 while T006, which it depends on, is open', async () => {
    copy = mkdtempSync(join(tmpdir(), 'spec-sync-examples-'));
    cpSync(examples, copy, { recursive: true });
    const tasks = join(copy, SPEC_KIT);
    writeFileSync(tasks, readFileSync(tasks, 'utf8').replace('- [ ] T007', '- [x] T007'));
    expect(await runCheck(['.'], {}, io(copy))).toBe(1);
    expect(out.some((line) => line.startsWith(`${SPEC_KIT}:`) && line.includes('T007'))).toBe(true);
  });

  it('reads every task of the Kiro example, the optional one included', () => {
    const doc = parse(readFileSync(join(examples, KIRO), 'utf8'), { path: KIRO });
    expect(doc.dialect).toBe('kiro');
    expect(doc.tasks.map((task) => [task.id, task.status, task.optional])).toEqual([
      ['1', 'done', false],
      ['2', 'open', false],
      ['2.1', 'open', false],
      ['2.2', 'open', true],
      ['3', 'open', false],
    ]);
  });
});
