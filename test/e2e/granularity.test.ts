import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { StoredIssue } from '../github-sim/state.js';
import { type Harness, startHarness } from './harness.js';

/** `issues.granularity`: story and phase issues holding checklists, and switching between granularities. */
const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus');
const haveCorpus = existsSync(corpus);
if (!haveCorpus) console.log(`corpus not found at ${corpus}: skipping the spec-kit granularity scenario`);

const config = (granularity: string) => ({
  '.github/spec-sync.yml': `issues:\n  granularity: ${granularity}\n`,
});
const checklistLines = (issue: StoredIssue) => (issue.body ?? '').match(/^- \[[ x]\] T\d+/gmu) ?? [];
/** A Billing tasks.md starting with its setup phase; `lines` follow the heading. */
const billing = (...lines: string[]) =>
  ['# Tasks: Billing', '', '## Phase 1: Setup', '', ...lines, ''].join('\n');
const ticked = (issue: StoredIssue) => (issue.body ?? '').match(/^- \[x\] T\d+/gmu) ?? [];

describe('granularity', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    expect(harness.sim.violations).toEqual([]);
    await harness.close();
  });

  const repo = () => harness.sim.repo(harness.repo);
  const units = () =>
    repo().issues.filter((issue) => /spec-sync:task [^>]*"id":"(?:story|phase):/u.test(issue.body ?? ''));
  const taskIssues = () => repo().issues.filter((issue) => /^T\d+ /u.test(issue.title));
  const push = async (files: Record<string, string>) => {
    await harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
    await harness.idle();
  };

  (haveCorpus ? it : it.skip)(
    'phase, then story, on a real spec-kit file: checklists mirror it, old issues retired',
    async () => {
      const name = readdirSync(corpus).find((entry) => entry.startsWith('05__'))!;
      const text = readFileSync(join(corpus, name), 'utf8');
      const path = 'specs/001-prompt-studio/tasks.md';
      const tasks = [...text.matchAll(/^- \[([ xX])\] (T\d+)/gmu)];
      const done = tasks.filter((match) => match[1] !== ' ').length;
      const phases = (text.match(/^## Phase \d+/gmu) ?? []).length;
      const storyPhases = (text.match(/^## Phase \d+: User Story \d+/gmu) ?? []).length;

      await push({ ...config('phase'), [path]: text });
      expect(taskIssues()).toEqual([]);
      expect(units()).toHaveLength(phases);
      expect(units().flatMap(checklistLines)).toHaveLength(tasks.length);
      expect(units().flatMap(ticked)).toHaveLength(done);
      for (const issue of units())
        expect(issue.state === 'closed').toBe(ticked(issue).length === checklistLines(issue).length);
      const parent = repo().issues.find((issue) => issue.body?.includes('spec-sync:spec'))!;
      expect(parent.subIssueIds).toHaveLength(0);

      const openBefore = new Set(
        units()
          .filter((issue) => issue.state === 'open')
          .map((issue) => issue.number),
      );
      await push({ ...config('story'), [path]: `${text}\n` });
      const keyOf = (issue: StoredIssue) => /"id":"([^"]+)"/u.exec(issue.body ?? '')?.[1] ?? '';
      const ids = (issue: StoredIssue) => checklistLines(issue).map((line) => line.slice(6));
      const stories = units().filter((issue) => keyOf(issue).startsWith('story:'));
      expect(stories).toHaveLength(storyPhases);
      const storyOf = (issue: StoredIssue) =>
        stories.find((story) => ids(issue).every((id) => ids(story).includes(id)));
      const phaseIssues = units().filter((issue) => keyOf(issue).startsWith('phase:'));
      const kept = phaseIssues.filter((issue) => storyOf(issue) === undefined);
      // Each story phase's work moved to its story issue; the phases outside stories keep their phase issue.
      expect(kept).toHaveLength(phases - storyPhases);
      expect([...stories, ...kept].flatMap(checklistLines)).toHaveLength(tasks.length);
      let retired = 0;
      for (const issue of phaseIssues.filter((candidate) => storyOf(candidate) !== undefined)) {
        expect(issue.state).toBe('closed');
        if (!openBefore.has(issue.number)) continue;
        // An open phase issue is closed as not planned, with a comment linking the story issue now holding it.
        retired += 1;
        expect(issue.stateReason).toBe('not_planned');
        expect(issue.comments).toHaveLength(1);
        expect(issue.comments[0]!.body).toContain(`#${storyOf(issue)!.number}`);
      }
      expect(retired).toBeGreaterThan(0);
    },
    60_000,
  );

  it('switching from task to story and back closes, links and reopens, never duplicating', async () => {
    const path = 'specs/002-billing/tasks.md';
    const text = [
      '# Tasks: Billing',
      '',
      '## Phase 1: Setup',
      '',
      '- [x] T001 Create the project',
      '',
      '## Phase 2: User Story 1 - Pay an invoice',
      '',
      '- [ ] T002 [US1] Add the invoice model',
      '- [ ] T003 [US1] Add the pay endpoint',
      '',
    ].join('\n');
    await push({ [path]: text });
    expect(taskIssues().map((issue) => issue.title.split(' ')[0])).toEqual(['T001', 'T002', 'T003']);

    await push({ ...config('story'), [path]: `${text}\n` });
    expect(taskIssues().filter((issue) => issue.state === 'open')).toEqual([]);
    const story = units().find((issue) => issue.body?.includes('"id":"story:US1"'))!;
    expect(story.state).toBe('open');
    expect(checklistLines(story)).toEqual(['- [ ] T002', '- [ ] T003']);
    const t002 = taskIssues().find((issue) => issue.title.startsWith('T002'))!;
    expect(t002.stateReason).toBe('not_planned');
    const comment = t002.comments[0]!;
    expect(comment.body).toContain(`#${story.number}`);
    // T001 was already closed as done: it keeps that state and gets no comment.
    const t001 = taskIssues().find((issue) => issue.title.startsWith('T001'))!;
    expect(t001.stateReason).toBe('completed');

    await push({ ...config('task'), [path]: text });
    expect(taskIssues().map((issue) => [issue.title.split(' ')[0], issue.state])).toEqual([
      ['T001', 'closed'],
      ['T002', 'open'],
      ['T003', 'open'],
    ]);
    expect(story.state).toBe('closed');
    expect(story.stateReason).toBe('not_planned');
  });

  it('makes no second parent or phase issue when a create succeeds but its answer is lost', async () => {
    // The parent is created first, then one issue per phase: the first three answers are lost.
    harness.sim.faults.rules.push({
      kind: 'lost-response',
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues',
      times: 3,
    });
    const text = [
      billing('- [ ] T001 Create the project'),
      '## Phase 2: Foundational',
      '',
      '- [ ] T002 Add the schema',
      '',
      '## Phase 3: Polish',
      '',
      '- [ ] T003 Write the docs',
      '',
    ].join('\n');
    await push({ ...config('phase'), 'specs/002-billing/tasks.md': text });
    const creates = harness.sim.log.filter(
      (entry) => entry.method === 'POST' && entry.route === '/repos/{owner}/{repo}/issues',
    );
    expect(creates.map((entry) => entry.status)).toEqual([0, 0, 0, 201]);
    const titles = () =>
      repo()
        .issues.map((issue) => issue.title)
        .sort();
    const expected = [
      '002-billing: Billing',
      '002-billing: Phase 1: Setup',
      '002-billing: Phase 2: Foundational',
      '002-billing: Phase 3: Polish',
    ];
    expect(titles()).toEqual(expected);
    await push({ 'specs/002-billing/tasks.md': text.replace('- [ ] T002', '- [x] T002') });
    expect(titles()).toEqual(expected);
    expect(units().find((issue) => issue.title.endsWith('Foundational'))?.state).toBe('closed');
  });

  it('assigns a phase issue to the logins its tasks name, once', async () => {
    repo().state.assignable.add('octocat');
    repo().state.assignable.add('hubot');
    const text = [
      billing(
        '- [ ] T001 Create the project @octocat',
        '- [ ] T002 Add linting',
        '  - Owner: @hubot',
        '- [ ] T003 Ship @octocat',
      ),
      '## Phase 2: Polish',
      '',
      '- [ ] T004 Write the docs @nobody-here',
      '',
    ].join('\n');
    await push({ ...config('phase'), 'specs/002-billing/tasks.md': text });
    const phase = (name: string) => units().find((issue) => issue.title.endsWith(name))!;
    expect(phase('Setup').assignees).toEqual(['octocat', 'hubot']);
    expect(phase('Polish').assignees).toEqual([]);
    const before = harness.sim.log.length;
    await push({ 'specs/002-billing/tasks.md': text.replace('- [ ] T001', '- [x] T001') });
    const assigning = harness.sim.log
      .slice(before)
      .filter(
        (entry) => entry.method === 'POST' && entry.route?.endsWith('/issues/{issue_number}/assignees'),
      );
    expect(assigning).toEqual([]);
  });

  it('with spec, the parent issue is the one issue and holds every task as a checklist', async () => {
    const text =
      '# Tasks: Billing\n\n## Phase 1: Setup\n\n- [x] T001 Create the project\n- [ ] T002 Add linting\n';
    await push({ ...config('spec'), 'specs/002-billing/tasks.md': text });
    expect(repo().issues).toHaveLength(1);
    const parent = repo().issues[0]!;
    expect(parent.title).toBe('002-billing: Billing');
    expect(checklistLines(parent)).toEqual(['- [x] T001', '- [ ] T002']);
    expect(parent.state).toBe('open');
    await push({ 'specs/002-billing/tasks.md': text.replace('- [ ] T002', '- [x] T002') });
    expect(repo().issues).toHaveLength(1);
    expect(parent.state).toBe('closed');
  });

  it("puts issues in one milestone per phase, creating each once, and leaves a person's milestone", async () => {
    const text = billing(
      '- [ ] T001 Create the project',
      '- [ ] T002 Add linting',
      '',
      '## Phase 2: Foundational',
      '',
      '- [ ] T003 Add the model',
    );
    const files = {
      '.github/spec-sync.yml': 'structure:\n  milestones: phase\n',
      'specs/002-billing/tasks.md': text,
    };
    await push(files);
    const titleOf = (number: number | null) =>
      repo().milestones.find((milestone) => milestone.number === number)?.title ?? null;
    const milestoneOf = (id: string) =>
      titleOf(taskIssues().find((issue) => issue.title.startsWith(id))!.milestone);
    expect(
      repo()
        .milestones.map((milestone) => milestone.title)
        .sort(),
    ).toEqual(['002-billing: Phase 1: Setup', '002-billing: Phase 2: Foundational']);
    expect([milestoneOf('T001'), milestoneOf('T002'), milestoneOf('T003')]).toEqual([
      '002-billing: Phase 1: Setup',
      '002-billing: Phase 1: Setup',
      '002-billing: Phase 2: Foundational',
    ]);

    // T003 moves to phase 1 in the file; a person put T002 in a release milestone of their own.
    const release = repo().state.milestones.length + 1;
    repo().state.milestones.push({
      ...repo().state.milestones[0]!,
      id: 9999,
      number: release,
      title: 'v1.0',
    });
    taskIssues().find((issue) => issue.title.startsWith('T002'))!.milestone = release;
    const moved = text
      .replace('- [ ] T003 Add the model', '')
      .replace('- [ ] T002 Add linting', '- [ ] T002 Add linting\n- [ ] T003 Add the model');
    const before = harness.sim.log.length;
    await push({ 'specs/002-billing/tasks.md': moved });
    expect([milestoneOf('T001'), milestoneOf('T002'), milestoneOf('T003')]).toEqual([
      '002-billing: Phase 1: Setup',
      'v1.0',
      '002-billing: Phase 1: Setup',
    ]);
    const creates = harness.sim.log
      .slice(before)
      .filter((entry) => entry.method === 'POST' && entry.route?.endsWith('/milestones'));
    expect(creates).toEqual([]);
  });

  it('with phaseBlockedBy, a phase waiting on another is blocked by its issue', async () => {
    const text = billing(
      '- [ ] T001 Create the project',
      '',
      '## Phase 2: Foundational (blocks all user stories)',
      '',
      '- [ ] T002 Add the model',
      '',
      '## Phase 3: User Story 1 - Pay',
      '',
      '- [ ] T003 [US1] Add the endpoint',
    );
    await push({
      '.github/spec-sync.yml': 'issues:\n  granularity: phase\nstructure:\n  phaseBlockedBy: true\n',
      'specs/002-billing/tasks.md': text,
    });
    const phase = (n: number) => units().find((issue) => issue.body?.includes(`"id":"phase:phase-${n}"`))!;
    expect(phase(1).blockedByIds).toEqual([]);
    expect(phase(3).blockedByIds).toContain(phase(2).id);
  });
});
