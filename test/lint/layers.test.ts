import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';

/**
 * The layer rules in biome.json, exercised on probe files laid out like the repository: the same import
 * fails the lint under one folder and passes under another (the positive control).
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const biome = join(root, 'node_modules', '.bin', 'biome');
const work = mkdtempSync(join(tmpdir(), 'spec-sync-layers-'));
const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as Record<string, unknown>;
// The probe folder is not a git repository, and the schema path is relative to the project.
delete config.vcs;
delete config.$schema;
writeFileSync(join(work, 'biome.json'), JSON.stringify(config));

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function lint(path: string, source: string): Promise<{ failed: boolean; output: string }> {
  mkdirSync(join(work, dirname(path)), { recursive: true });
  writeFileSync(join(work, path), source);
  try {
    const { stdout, stderr } = await promisify(execFile)(biome, ['lint', path], { cwd: work });
    return { failed: false, output: stdout + stderr };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { failed: true, output: stdout + stderr };
  }
}

const importing = (specifier: string) => `import { thing } from '${specifier}';\n\nexport const x = thing;\n`;

describe('lint holds the layers', () => {
  it.each([
    ['src/core/specs/probe.ts', '../../github/gateway.js', 'src/core is pure'],
    ['src/core/plan/probe.ts', '../../sync/shared/task-issues.js', 'src/core is pure'],
    ['src/core/render/check/probe.ts', '../../../queue/jobs.js', 'src/core is pure'],
    ['src/core/plan/probe.ts', '../../config/load-config.js', 'never loads one'],
    ['src/handlers/probe.ts', '../github/gateway.js', 'Handlers turn events into jobs'],
    ['src/handlers/probe.ts', '../sync/run-job.js', 'Handlers only queue jobs'],
    ['src/github/probe.ts', '../sync/shared/services.js', 'not the use cases'],
  ])('%s may not import %s', async (path, specifier, message) => {
    const result = await lint(path, importing(specifier));
    expect(result.failed).toBe(true);
    expect(result.output).toContain(message);
  });

  it.each([
    ['src/sync/push/probe.ts', '../../github/gateway.js'],
    ['src/core/plan/probe.ts', '../../config/schema.js'],
    ['src/handlers/probe.ts', '../queue/jobs.js'],
  ])('%s may import %s', async (path, specifier) => {
    const result = await lint(path, importing(specifier));
    expect(result.output).not.toContain('noRestrictedImports');
    expect(result.failed).toBe(false);
  });
});
