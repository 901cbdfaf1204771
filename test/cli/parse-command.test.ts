import { describe, expect, it } from '@jest/globals';
import { type ParseIo, runParse } from '../../src/cli/parse-command.js';

function fakeIo(
  files: Record<string, string | Uint8Array>,
): ParseIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    readFile: async (path) => {
      const content = files[path];
      if (content === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
  };
}

const one = '# Tasks: One\n\n## Phase 1: Setup\n\n- [x] T001 Create the project skeleton\n';
const two = '- [ ] 1. Kiro task\n';

describe('runParse', () => {
  it('prints a table with ID, status, line, phase and title', async () => {
    const io = fakeIo({ 'a.md': one });
    expect(await runParse(['a.md'], { json: false }, io)).toBe(0);
    const lines = io.stdout.join('\n').split('\n');
    expect(lines[0]).toBe('a.md (speckit, 1 tasks, 1 phases)');
    expect(lines[1]).toMatch(/^ID\s+STATUS\s+LINE\s+PHASE\s+TITLE$/);
    expect(lines[2]).toMatch(/^T001\s+done\s+5\s+phase-1\s+Create the project skeleton$/);
  });

  it('says how many tasks are optional, as check leaves them out of progress', async () => {
    const io = fakeIo({ 'k.md': '- [x] 1. Build\n- [ ]* 1.1 Property tests\n- [ ] 1.2 Wire\n' });
    expect(await runParse(['k.md'], { json: false }, io)).toBe(0);
    expect(io.stdout.join('\n').split('\n')[0]).toBe('k.md (kiro, 3 tasks, 1 optional, 0 phases)');
  });

  it('truncates long titles in the table', async () => {
    const io = fakeIo({ 'a.md': `- [ ] T001 ${'word '.repeat(40)}\n` });
    await runParse(['a.md'], { json: false }, io);
    expect(io.stdout.join('\n')).toContain('…');
  });

  it('prints one pretty JSON document for one file', async () => {
    const io = fakeIo({ 'a.md': one });
    await runParse(['a.md'], { json: true }, io);
    expect(io.stdout).toHaveLength(1);
    expect(io.stdout[0]).toContain('\n  "path": "a.md"');
    const document = JSON.parse(io.stdout[0]!);
    expect(document).toMatchObject({
      path: 'a.md',
      frontmatter: {},
      phases: [{ id: 'phase-1' }],
      findings: [],
    });
    expect(document.tasks[0]).toMatchObject({ id: 'T001', status: 'done', line: 5 });
  });

  it('prints one JSON line per file for several files', async () => {
    const io = fakeIo({ 'a.md': one, 'b.md': two });
    expect(await runParse(['a.md', 'b.md'], { json: true }, io)).toBe(0);
    expect(io.stdout).toHaveLength(2);
    expect(io.stdout.every((line) => !line.includes('\n'))).toBe(true);
    expect(io.stdout.map((line) => JSON.parse(line).path)).toEqual(['a.md', 'b.md']);
  });

  it('exits 1 and says why when a file cannot be read, still printing the others', async () => {
    const io = fakeIo({ 'b.md': two });
    expect(await runParse(['missing.md', 'b.md'], { json: true }, io)).toBe(1);
    expect(io.stderr[0]).toMatch(/cannot read missing\.md: ENOENT/);
    expect(io.stdout).toHaveLength(1);
  });

  it('decodes invalid UTF-8 without failing and reports it as not text', async () => {
    const io = fakeIo({ 'bin.md': new Uint8Array(Array.from({ length: 64 }, () => 0xff)) });
    expect(await runParse(['bin.md'], { json: true }, io)).toBe(0);
    expect(JSON.parse(io.stdout[0]!).findings[0].code).toBe('not-text');
  });
});
