import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { StoredIssue } from '../github-sim/state.js';
import { type Harness, startHarness } from './harness.js';

/** Kiro nesting, ID-less sub-items and legends, as a real file writes them, synced onto the simulator. */
const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus');
const haveCorpus = existsSync(corpus);
if (!haveCorpus) console.log(`corpus not found at ${corpus}: skipping the Kiro corpus scenario`);

const CONFIG = { '.github/spec-sync.yml': 'structure:\n  subIssues: true\n  blockedBy: true\n' };

describe('structure from real task files', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ files: { 'README.md': '# shop\n', ...CONFIG } });
  });
  afterEach(async () => {
    expect(harness.sim.violations).toEqual([]);
    await harness.close();
  });

  const repo = () => harness.sim.repo(harness.repo);
  const byId = (id: number) => repo().state.issueById(id)!;
  const titled = (start: string) => repo().issues.find((issue) => issue.title.startsWith(start))!;
  const push = async (files: Record<string, string>) => {
    await harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
    await harness.idle();
  };

  (haveCorpus ? it : it.skip)(
    'nests a Kiro spec: parent tasks hold their sub-tasks, titled as written',
    async () => {
      const name = readdirSync(corpus).find((entry) => entry.startsWith('20__'))!;
      const text = readFileSync(join(corpus, name), 'utf8');
      await push({ '.kiro/specs/user-authentication/tasks.md': text });
      const parent = repo().issues.find((issue) => issue.body?.includes('spec-sync:spec'))!;
      const top = parent.subIssueIds.map((id) => byId(id).title.split(' ')[0]);
      // Every top-level task (`- [x] 1.`), in file order, each title keeping the dot Kiro writes.
      const written = [...text.matchAll(/^- \[.\]\*? (\d+)\. /gmu)].map((match) => `${match[1]}.`);
      expect(top).toEqual(written);
      const first = titled('1. Set up database schema');
      // Its sub-tasks as the file indents them under `1.`, optional ones (`- [ ]* 1.4`) included.
      const subTasks = [...text.matchAll(/^ +- \[.\]\*? (1\.\d+) /gmu)].map((match) => match[1]);
      expect(subTasks.length).toBeGreaterThan(2);
      expect(first.subIssueIds.map((id) => byId(id).title.split(' ')[0])).toEqual(subTasks);
      for (const issue of repo().issues) expect(issue.subIssueIds.length).toBeLessThanOrEqual(100);
    },
  );

  it('renders ID-less sub-items as the task issue checklist, ticked and unticked as the file is', async () => {
    const tasks = (first: string, second: string) =>
      [
        '# Tasks: Parser',
        '',
        '## Legend',
        '',
        '- [ ] Pending',
        '- [x] Completed',
        '',
        '## Phase 1: Setup',
        '',
        '- [ ] T001 Build the parser',
        `  - [${first}] Create the tokenizer`,
        `  - [${second}] Handle errors`,
        '- [ ] T002 Write the docs',
        '',
      ].join('\n');
    await push({ 'specs/001-parser/tasks.md': tasks('x', ' ') });
    const taskIssues = () => repo().issues.filter((issue: StoredIssue) => /^T\d/u.test(issue.title));
    // The legend's two lines and the sub-items are no tasks: two task issues and the parent.
    expect(taskIssues().map((issue) => issue.title)).toEqual([
      'T001 Build the parser',
      'T002 Write the docs',
    ]);
    expect(repo().issues).toHaveLength(3);
    expect(titled('T001').body).toContain('- [x] Create the tokenizer\n- [ ] Handle errors');

    await push({ 'specs/001-parser/tasks.md': tasks(' ', 'x') });
    expect(titled('T001').body).toContain('- [ ] Create the tokenizer\n- [x] Handle errors');
    expect(repo().issues).toHaveLength(3);
  });

  it("assigns from @login and Owner:, keeps a person's assignee, and flags a login that cannot be assigned", async () => {
    repo().state.assignable.add('octocat');
    repo().state.assignable.add('hubot');
    const tasks = [
      '# Tasks: Parser',
      '',
      '## Phase 1: Setup',
      '',
      '- [ ] T001 Build the parser @octocat',
      '- [ ] T002 Write the docs',
      '  - Owner: @hubot',
      '- [ ] T003 Ship it @nobody-here',
      '',
    ].join('\n');
    const { sha } = await harness.sim.push({
      repo: harness.repo,
      files: { 'specs/001-parser/tasks.md': tasks },
      deliverTo: harness.app,
    });
    await harness.idle();
    expect(titled('T001').assignees).toEqual(['octocat']);
    expect(titled('T002').assignees).toEqual(['hubot']);
    expect(titled('T003').assignees).toEqual([]);
    const run = repo().checkRuns.find((check) => check.headSha === sha && check.status === 'completed')!;
    const flagged = run.annotations.filter((annotation) => annotation.message.includes('unassignable-login'));
    expect(flagged.map((annotation) => [annotation.start_line, annotation.annotation_level])).toEqual([
      [8, 'warning'],
    ]);
    // Named, but not as a live mention: the check run's text goes through the text rule.
    expect(flagged[0]!.message).toContain('@\u2060nobody-here');

    // A person adds an assignee; the file still names octocat: nothing is taken away or sent again.
    titled('T001').assignees.push('hubot');
    const before = harness.sim.log.length;
    await push({ 'specs/001-parser/tasks.md': `${tasks}\n` });
    expect(titled('T001').assignees).toEqual(['octocat', 'hubot']);
    const after = harness.sim.log.slice(before);
    expect(after.some((entry) => entry.route === '/repos/{owner}/{repo}/issues')).toBe(true);
    expect(after.filter((entry) => entry.route?.endsWith('/issues/{issue_number}/assignees'))).toEqual([]);
  });
});
