import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { type CheckIo, escapeData, escapeProperty, runCheck } from '../../src/cli/check-command.js';
import type { SpecDocument } from '../../src/core/model.js';
import { done, phase, spec, task } from '../core/gates/factories.js';

/**
 * A stand-in for the parser, enough for these files: `## Phase N` headings, each blocked by the one before,
 * and `- [ ]`/`- [x]` lines with an ID. The command's own logic (finding, reading, config, output) is under test.
 */
function stubParse(text: string, options: { path: string }): SpecDocument {
  const phases: ReturnType<typeof phase>[] = [];
  const tasks: ReturnType<typeof task>[] = [];
  text.split('\n').forEach((line, index) => {
    const heading = /^## Phase (\d+)/.exec(line);
    if (heading) {
      const previous = phases.at(-1);
      phases.push(phase(heading[1]!, index + 1, { blockedBy: previous ? [previous.id] : [] }));
    }
    const box = /^- \[([ x])\] (\S+)/.exec(line);
    if (box) {
      const make = box[1] === 'x' ? done : task;
      tasks.push(make(box[2]!, index + 1, { phase: phases.at(-1)?.id ?? null }));
    }
  });
  return spec({ path: options.path, phases, tasks });
}

let root: string;
let out: string[];
let io: CheckIo;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'spec-sync-check-'));
  mkdirSync(join(root, '.git'));
  out = [];
  io = {
    out: (line) => out.push(line),
    err: (line) => out.push(`stderr: ${line}`),
    cwd: root,
    parse: stubParse,
  };
  write('specs/001-good/spec.md', '# Spec\n');
  write('specs/001-good/plan.md', '# Plan\n');
  write('specs/001-good/tasks.md', '# Tasks\n## Phase 1\n- [x] T001 a\n## Phase 2\n- [ ] T002 b\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const outOfOrder = '# Tasks\n## Phase 1\n- [ ] T001 a\n## Phase 2\n- [x] T002 b\n';

describe('runCheck', () => {
  test('a clean repository exits 0 and prints the verdict', async () => {
    expect(await runCheck([], {}, io)).toBe(0);
    expect(out).toEqual(['specs/001-good/tasks.md: success · All gates hold · 1/2 done']);
  });

  test('an out-of-order spec and a spec without plan.md exit 1 with path:line findings', async () => {
    write('specs/002-bad/spec.md', '# Spec\n');
    write('specs/002-bad/tasks.md', outOfOrder);
    expect(await runCheck(['.'], {}, io)).toBe(1);
    expect(out).toContain(
      'specs/002-bad/tasks.md:5: error Phase order: T002 is done before Phase 1: Name 1 is complete; T001 still open.',
    );
    expect(
      out.some((line) => line.startsWith('specs/002-bad/tasks.md:1: error Documents: plan.md missing')),
    ).toBe(true);
  });

  test('a spec directory or a task file as PATH checks only that spec', async () => {
    write('specs/002-bad/tasks.md', outOfOrder);
    expect(await runCheck(['specs/001-good'], {}, io)).toBe(0);
    expect(await runCheck(['specs/001-good/tasks.md'], {}, io)).toBe(0);
    expect(out.every((line) => line.startsWith('specs/001-good/tasks.md'))).toBe(true);
  });

  test('the repository config sets levels: phaseOrder at warning no longer fails', async () => {
    write('specs/002-bad/spec.md', '# Spec\n');
    write('specs/002-bad/plan.md', '# Plan\n');
    write('specs/002-bad/tasks.md', outOfOrder);
    write('.github/spec-sync.yml', 'gates:\n  phaseOrder: warning\n');
    expect(await runCheck([], {}, io)).toBe(0);
    expect(out).toContain(
      'specs/002-bad/tasks.md:5: warning Phase order: T002 is done before Phase 1: Name 1 is complete; T001 still open.',
    );
  });

  test('an invalid config exits 2 (an input error) naming the key and its line', async () => {
    write('.github/spec-sync.yml', 'issues:\n  enabled: true\ngates:\n  phaseOrder: fatal\n');
    expect(await runCheck([], {}, io)).toBe(2);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\.github\/spec-sync\.yml:4: error config gates\.phaseOrder: /);
  });

  test('YAML that does not parse exits 2', async () => {
    write('.github/spec-sync.yml', 'gates: [unclosed\n');
    expect(await runCheck([], {}, io)).toBe(2);
    expect(out[0]).toMatch(/^\.github\/spec-sync\.yml:\d+: error invalid YAML/);
  });

  test('a missing path exits 2 with a message', async () => {
    expect(await runCheck(['nope'], {}, io)).toBe(2);
    expect(out).toEqual(['nope:1: error no such file or directory']);
  });

  test('--json prints the reports', async () => {
    expect(await runCheck([], { json: true }, io)).toBe(0);
    const printed = JSON.parse(out.join('\n'));
    expect(printed.reports.map((r: { tasksPath: string; done: number }) => [r.tasksPath, r.done])).toEqual([
      ['specs/001-good/tasks.md', 1],
    ]);
  });

  test('--format github prints workflow commands with escaped properties', async () => {
    write('specs/002-bad/spec.md', '# Spec\n');
    write('specs/002-bad/plan.md', '# Plan\n');
    write('specs/002-bad/tasks.md', outOfOrder);
    expect(await runCheck([], { format: 'github' }, io)).toBe(1);
    expect(out).toContain(
      '::error file=specs/002-bad/tasks.md,line=5,endLine=5,title=spec-sync%3A Phase order::T002 is done before Phase 1: Name 1 is complete; T001 still open.',
    );
  });

  test('node_modules is not searched', async () => {
    write('node_modules/x/specs/009-dep/tasks.md', outOfOrder);
    expect(await runCheck([], {}, io)).toBe(0);
  });
});

describe('workflow command escaping', () => {
  test.each([
    ['50% done\r\nnext', '50%25 done%0D%0Anext', '50%25 done%0D%0Anext'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
  ])('%j', (text, data, property) => {
    expect(escapeData(text)).toBe(data);
    expect(escapeProperty(text)).toBe(property);
  });
});

describe('runCheck with the real parser', () => {
  test('a spec-kit file with Setup open and Foundational work done fails phase order', async () => {
    const { parseTasks } = await import('../../src/core/parse/parse-tasks.js');
    write(
      'specs/003-real/tasks.md',
      [
        '# Tasks: Real', // 1
        '', // 2
        '## Phase 1: Setup', // 3
        '', // 4
        '- [ ] T001 Create project structure', // 5
        '', // 6
        '## Phase 2: Foundational (Blocking Prerequisites)', // 7
        '', // 8
        '- [x] T002 Setup database schema', // 9
        '',
      ].join('\n'),
    );
    write('specs/003-real/spec.md', '# Spec\n');
    write('specs/003-real/plan.md', '# Plan\n');
    expect(await runCheck(['specs/003-real'], {}, { ...io, parse: parseTasks })).toBe(1);
    expect(out[0]).toMatch(
      /^specs\/003-real\/tasks\.md:9: error Phase order: T002 is done before Phase 1: Setup is complete; T001 still open\.$/,
    );
  });
});

describe('runCheck on files the app would fail', () => {
  let realIo: CheckIo;
  beforeEach(async () => {
    const { parseTasks } = await import('../../src/core/parse/parse-tasks.js');
    realIo = { ...io, parse: parseTasks };
  });

  test('fails a tasks.md that is not text (exit 2), as the check run does', async () => {
    writeFileSync(join(root, 'specs/001-good/tasks.md'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0x41, 0]));
    expect(await runCheck(['specs/001-good'], {}, realIo)).toBe(2);
    expect(out[0]).toMatch(/^specs\/001-good\/tasks\.md:1: error cannot check: .*not UTF-8 text/);
  });

  test.each([
    ['an empty file', ''],
    ['prose without tasks', '# Tasks\n\nWe will write the tasks later.\n'],
  ])('says "no tasks found" for %s and does not pass', async (_, text) => {
    write('specs/001-good/tasks.md', text);
    expect(await runCheck(['specs/001-good'], {}, realIo)).toBe(2);
    expect(out).toEqual([expect.stringMatching(/^specs\/001-good\/tasks\.md:1: error no tasks found/)]);
  });

  test('takes an absolute path', async () => {
    expect(await runCheck([join(root, 'specs/001-good/tasks.md')], {}, realIo)).toBe(0);
  });
});

describe('_extends in the config', () => {
  test('merges a file it names under the config, the config winning', async () => {
    write('.github/base.yml', 'gates:\n  phaseOrder: "off"\nspecs: ["nowhere/*/tasks.md"]\n');
    write('.github/spec-sync.yml', '_extends: base.yml\nspecs: ["specs/*/tasks.md"]\n');
    write('specs/001-good/tasks.md', outOfOrder);
    expect(await runCheck([], {}, io)).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^specs\/001-good\/tasks\.md: success/)]);
  });

  test('merges top-level keys only, as the app does: a nested object in the config replaces the base one whole', async () => {
    write('.github/base.yml', 'gates:\n  phaseOrder: "off"\n');
    write('.github/spec-sync.yml', '_extends: base.yml\ngates:\n  checkpoints: "off"\n');
    write('specs/001-good/tasks.md', outOfOrder);
    expect(await runCheck([], {}, io)).toBe(1);
    expect(out).toContain(
      'specs/001-good/tasks.md:5: error Phase order: T002 is done before Phase 1: Name 1 is complete; T001 still open.',
    );
  });

  test('skips another repository with a notice, checking with the file alone', async () => {
    write('.github/spec-sync.yml', '_extends: my-org/.github:spec-sync.yml\n');
    expect(await runCheck([], {}, io)).toBe(0);
    expect(out[0]).toMatch(
      /^stderr: notice \.github\/spec-sync\.yml: _extends: "my-org\/\.github:spec-sync\.yml"/,
    );
    expect(out.at(-1)).toMatch(/^specs\/001-good\/tasks\.md: success/);
  });
});
