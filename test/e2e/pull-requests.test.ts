import { afterEach, describe, expect, it } from '@jest/globals';
import { commitFiles, webhooks } from '../github-sim/index.js';
import { type Harness, type HarnessOptions, startHarness } from './harness.js';

const BILLING = 'specs/002-billing/tasks.md';
const AUTH = 'specs/001-auth/tasks.md';

const billingTasks = `# Tasks: Billing

## Phase 1: Setup

- [ ] T001 Create the billing module
- [ ] T002 Add the Invoice model
- [ ] T003 Add the invoice API
- [ ] T004 Write the billing docs
`;

const authTasks = `# Tasks: Auth

- [ ] T001 Create the auth module
- [ ] T005 Add the login form
`;

const kiroTasks = `# Implementation Plan

- [ ] 1. Set up the project
- [ ] 2. Build the parser
  - [ ] 2.1 Write the tokenizer
  - [ ] 2.2 Write the grammar
`;

let harness: Harness;

afterEach(async () => {
  await harness?.close();
});

/** Starts the app with specs on main and their task issues already opened by the first sync. */
async function withSpecs(files: Record<string, string>, options: HarnessOptions = {}): Promise<Harness> {
  harness = await startHarness(options);
  const docs = Object.fromEntries(
    Object.keys(files).flatMap((path) => {
      const dir = path.slice(0, path.lastIndexOf('/'));
      return [
        [`${dir}/spec.md`, '# Spec\n'],
        [`${dir}/plan.md`, '# Plan\n'],
      ];
    }),
  );
  const { status } = await harness.sim.push({
    repo: harness.repo,
    files: { ...files, ...docs },
    deliverTo: harness.app,
  });
  expect(status).toBe(200);
  await harness.idle();
  return harness;
}

interface PullInput {
  branch: string;
  title: string;
  body?: string;
  files?: Record<string, string>;
  commitMessage?: string;
  base?: string;
}

/** A branch with one commit and a pull request from it (no webhook delivered). */
function openPull(input: PullInput): number {
  const files = input.files ?? { [`src/${input.branch.replace(/\W/g, '-')}.ts`]: 'export {};\n' };
  commitFiles(harness.sim, harness.repo, input.branch, files, input.commitMessage ?? 'Work');
  const pull = harness.sim.createPullRequest(harness.repo, {
    title: input.title,
    head: input.branch,
    base: input.base,
    body: input.body ?? null,
  });
  return pull.number;
}

async function deliverPull(number: number, action: webhooks.PullRequestAction): Promise<void> {
  const state = harness.sim.repo(harness.repo).state;
  const issue = state.issue(number)!;
  const payload = webhooks.pullRequestPayload(harness.sim.state, state, issue, action);
  expect(await webhooks.deliver(harness.app.url, harness.app.secret, 'pull_request', payload)).toBe(200);
  await harness.idle();
}

async function merge(number: number): Promise<void> {
  const { status } = await harness.sim.mergePullRequest(harness.repo, number, harness.app);
  expect(status).toBe(200);
  await harness.idle();
}

const view = () => harness.sim.repo(harness.repo);
const file = (ref: string, path: string) => view().file(ref, path) ?? '';
const commitMessages = (ref: string) =>
  view()
    .commits(ref)
    .map((commit) => commit.message);
const taskIssue = (title: string) => view().issues.find((issue) => issue.title.startsWith(title))!;
const botComments = (number: number) =>
  view()
    .issue(number)!
    .comments.filter((comment) => comment.user === 'spec-sync[bot]');

describe('a merged pull request', () => {
  it('ticks the closed tasks in one commit, closes their issues, and a redelivery writes nothing', async () => {
    await withSpecs({ [BILLING]: billingTasks });
    const number = openPull({
      branch: 'invoices',
      title: 'Invoices',
      body: 'Closes T001, T002\n\nSee T004.',
    });
    await merge(number);

    expect(commitMessages('main')[0]).toBe(`Mark T001, T002 done (#${number})`);
    const text = file('main', BILLING);
    expect(text).toContain('- [x] T001 Create the billing module');
    expect(text).toContain('- [x] T002 Add the Invoice model');
    expect(text).toContain('- [ ] T004 Write the billing docs');
    for (const title of ['T001', 'T002']) {
      expect(taskIssue(title).state).toBe('closed');
      expect(taskIssue(title).stateReason).toBe('completed');
      expect(botComments(taskIssue(title).number).map((comment) => comment.body)).toEqual([
        expect.stringContaining(`Done in #${number}.`),
      ]);
    }
    expect(taskIssue('T004').state).toBe('open');

    const commitsBefore = view().commits('main').length;
    await deliverPull(number, 'closed');
    expect(view().commits('main')).toHaveLength(commitsBefore);
    expect(botComments(taskIssue('T001').number)).toHaveLength(1);
    expect(botComments(number)).toHaveLength(1);
    expect(harness.sim.violations).toEqual([]);
  });

  it('does nothing when the pull request was closed without merging', async () => {
    await withSpecs({ [BILLING]: billingTasks });
    const number = openPull({ branch: 'abandoned', title: 'T001: try something' });
    Object.assign(view().issue(number)!, { state: 'closed' });
    await deliverPull(number, 'closed');
    expect(
      view()
        .commits('main')
        .filter((commit) => commit.author === 'spec-sync[bot]'),
    ).toEqual([]);
    expect(taskIssue('T001').state).toBe('open');
    expect(harness.sim.violations).toEqual([]);
  });

  it('reads the title, branch name and commit messages; ranges close every ID in them', async () => {
    await withSpecs({ [BILLING]: billingTasks });
    const number = openPull({
      branch: 'feature/t004-docs',
      title: 'T001: set up billing',
      body: 'Refs T003',
      commitMessage: 'Implements T002..T002\n\nmore text',
    });
    await merge(number);
    expect(commitMessages('main')[0]).toBe(`Mark T001, T004, T002 done (#${number})`);
    expect(file('main', BILLING)).toContain('- [ ] T003 Add the invoice API');
    expect(taskIssue('T003').state).toBe('open');
    expect(harness.sim.violations).toEqual([]);
  });

  it('ticks a Kiro task named with its spec', async () => {
    await withSpecs({ '.kiro/specs/parser/tasks.md': kiroTasks });
    const number = openPull({ branch: 'tokenizer', title: 'Tokenizer', body: 'Completes parser#2.1' });
    await merge(number);
    const text = file('main', '.kiro/specs/parser/tasks.md');
    expect(text).toContain('  - [x] 2.1 Write the tokenizer');
    expect(text).toContain('  - [ ] 2.2 Write the grammar');
    expect(harness.sim.violations).toEqual([]);
  });
});

describe('the same ID in two specs', () => {
  const specs = { [BILLING]: billingTasks, [AUTH]: authTasks };

  it('is settled by the files the pull request changes', async () => {
    await withSpecs(specs);
    const number = openPull({
      branch: 'login',
      title: 'Auth module',
      body: 'Closes T001',
      files: { 'specs/001-auth/spec.md': '# Spec\n\nMore.\n' },
    });
    await merge(number);
    expect(file('main', AUTH)).toContain('- [x] T001 Create the auth module');
    expect(file('main', BILLING)).toContain('- [ ] T001 Create the billing module');
    expect(harness.sim.violations).toEqual([]);
  });

  it("is settled by the spec's branch, where the tick then lands", async () => {
    await withSpecs(specs);
    commitFiles(harness.sim, harness.repo, '002-billing', { 'notes.md': 'spec branch\n' });
    const number = openPull({
      branch: 'billing-setup',
      title: 'Setup',
      body: 'Fixes T001',
      base: '002-billing',
    });
    await merge(number);
    expect(file('002-billing', BILLING)).toContain('- [x] T001 Create the billing module');
    expect(file('002-billing', AUTH)).toContain('- [ ] T001 Create the auth module');
    expect(harness.sim.violations).toEqual([]);
  });

  it('ticks nothing when still ambiguous and says so once on the pull request', async () => {
    await withSpecs(specs);
    const number = openPull({ branch: 'shared', title: 'Shared work', body: 'Closes T001' });
    await merge(number);
    expect(
      view()
        .commits('main')
        .filter((commit) => commit.author === 'spec-sync[bot]'),
    ).toEqual([]);
    const comments = botComments(number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('T001 is in both specs/001-auth and specs/002-billing');
    await deliverPull(number, 'closed');
    expect(botComments(number)).toHaveLength(1);
    expect(harness.sim.violations).toEqual([]);
  });
});

describe('writing the ticks', () => {
  it('re-reads and re-applies when tasks.md changes between its read and its write', async () => {
    await withSpecs({ [BILLING]: billingTasks });
    const number = openPull({ branch: 'api', title: 'API', body: 'Closes T003' });
    // Someone ticks T004 on main while spec-sync is writing: the first write then carries a stale sha.
    const repo = view().state;
    let raced = false;
    const has = repo.protectedBranches.has.bind(repo.protectedBranches);
    repo.protectedBranches.has = (branch: string) => {
      if (!raced && branch === 'main') {
        raced = true;
        const edited = file('main', BILLING).replace('- [ ] T004', '- [x] T004');
        commitFiles(harness.sim, harness.repo, 'main', { [BILLING]: edited }, 'Tick T004 by hand');
      }
      return has(branch);
    };
    await merge(number);
    expect(raced).toBe(true);
    const conflicts = harness.sim.log.filter((entry) => entry.method === 'PUT' && entry.status === 409);
    expect(conflicts).toHaveLength(1);
    const text = file('main', BILLING);
    expect(text).toContain('- [x] T003 Add the invoice API');
    expect(text).toContain('- [x] T004 Write the billing docs');
    expect(commitMessages('main').slice(0, 2)).toEqual([`Mark T003 done (#${number})`, 'Tick T004 by hand']);
    expect(harness.sim.violations).toEqual([]);
  });

  it('proposes the ticks in a pull request when the branch refuses direct commits', async () => {
    await withSpecs({ [BILLING]: billingTasks }, { protectedBranches: ['main'] });
    const number = openPull({ branch: 'model', title: 'Model', body: 'Closes T002' });
    await merge(number);
    expect(file('main', BILLING)).toContain('- [ ] T002 Add the Invoice model');
    const proposal = view().pulls.find((pull) => pull.user === 'spec-sync[bot]');
    expect(proposal?.title).toBe(`Mark T002 done (#${number})`);
    expect(file(proposal!.pullRequest!.head, BILLING)).toContain('- [x] T002 Add the Invoice model');
    expect(botComments(number)[0]?.body).toContain(
      // A link to the proposal; its text's `#N` is made inert like every reference in the comment.
      `proposed in [#\u2060${proposal!.number}](${harness.sim.url}/${harness.repo}/pull/${proposal!.number})`,
    );
    // The file decides the issue's state, so it stays open until the proposal merges.
    expect(taskIssue('T002').state).toBe('open');

    await deliverPull(number, 'closed');
    expect(view().pulls.filter((pull) => pull.user === 'spec-sync[bot]')).toHaveLength(1);
    expect(harness.sim.violations).toEqual([]);
  });
});

describe('an open pull request', () => {
  it('keeps one comment listing the tasks its merge will close', async () => {
    await withSpecs({ [BILLING]: billingTasks });
    const number = openPull({ branch: 'docs', title: 'Docs', body: 'Closes T004, refs T001, fixes T099' });
    await deliverPull(number, 'opened');
    const [comment] = botComments(number);
    expect(comment?.body).toContain('<!-- spec-sync:pr-tasks -->');
    expect(comment?.body).toMatch(/\[T004\]\(http[^)]+\/issues\/\d+\) Write the billing docs/);
    expect(comment?.body).toContain('Mentioned only');
    expect(comment?.body).toContain('`T099`');

    Object.assign(view().issue(number)!, { body: 'Closes T003' });
    await deliverPull(number, 'edited');
    const comments = botComments(number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('T003');
    expect(comments[0]!.body).not.toContain('T004');
    expect(harness.sim.violations).toEqual([]);
  });

  it('posts nothing for a pull request that names no task', async () => {
    await withSpecs({ [BILLING]: billingTasks });
    const number = openPull({ branch: 'chore', title: 'Bump deps', body: 'Fixes #999' });
    await deliverPull(number, 'opened');
    expect(botComments(number)).toEqual([]);
    expect(harness.sim.violations).toEqual([]);
  });
});
