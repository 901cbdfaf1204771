/**
 * @jest-environment ./test/jsdom-environment.js
 */
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { createCliClient, runSync } from '../../src/cli/sync-command.js';
import { parseMermaid } from '../core/structure/mermaid-parse.js';
import { type GitHubSim, startGitHubSim } from '../github-sim/index.js';

/** The parent issue's diagram as the simulator holds it after a sync, through Mermaid's own parser. */
const TASKS = [
  '# Tasks: Billing "v2" <beta>',
  '',
  '## Phase 1: Setup & <tools>',
  '',
  '- [x] T001 Create the project',
  '',
  '## Phase 2: Foundational (blocks everything)',
  '',
  '- [ ] T002 Add the "core" model (depends on T001)',
  '',
  '## Phase 3: User Story 1 - Pay #1',
  '',
  '- [ ] T003 Pay an invoice',
  '',
].join('\n');

let sim: GitHubSim;
beforeEach(async () => {
  sim = await startGitHubSim();
  sim.createRepo('acme/shop', {
    files: {
      '.github/spec-sync.yml': 'structure:\n  subIssues: true\n',
      'specs/002-billing/tasks.md': TASKS,
    },
  });
});
afterEach(async () => {
  await sim.close();
});

it('writes a parent issue whose Mermaid block parses', async () => {
  const io = { out: () => undefined, err: () => undefined };
  const client = createCliClient('ghp_test', sim.apiUrl, { timeScale: 0.001 });
  expect(await runSync({ repo: 'acme/shop' }, io, client)).toBe(0);
  const parent = sim.repo('acme/shop').issues.find((issue) => issue.body?.includes('spec-sync:spec'));
  const block = /```mermaid\n([\s\S]*?)\n```/u.exec(parent?.body ?? '')?.[1];
  expect(block).toContain('flowchart TD');
  await expect(parseMermaid(block!)).resolves.toBeTruthy();
  await expect(parseMermaid(`${block}\n  p1 -->`)).rejects.toThrow();
  expect(sim.violations).toEqual([]);
});
