import { afterEach, describe, expect, it } from '@jest/globals';
import { webhooks } from '../github-sim/index.js';
import { updateIssue } from '../github-sim/issue-store.js';
import { type Harness, type HarnessOptions, startHarness } from './harness.js';

const TASKS = 'specs/002-billing/tasks.md';
const tasks = `# Tasks: Billing

- [ ] T001 Create the billing module
- [x] T002 Add the Invoice model
- [ ] T003 Add the invoice API
`;

let harness: Harness;

afterEach(async () => {
  await harness?.close();
});

async function withSpec(options: HarnessOptions = {}, config?: string): Promise<void> {
  harness = await startHarness(options);
  const files: Record<string, string> = {
    [TASKS]: tasks,
    'specs/002-billing/spec.md': '# Spec\n',
    'specs/002-billing/plan.md': '# Plan\n',
  };
  if (config) files['.github/spec-sync.yml'] = config;
  const { status } = await harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
  expect(status).toBe(200);
  await harness.idle();
}

const view = () => harness.sim.repo(harness.repo);
const taskIssue = (id: string) => view().issues.find((issue) => issue.title.startsWith(id))!;
const botCommits = () =>
  view()
    .commits('main')
    .filter((commit) => commit.author === 'spec-sync[bot]');

/** A person (or `sender`) closes or reopens the issue on GitHub, which then sends `issues.closed` / `issues.reopened`. */
async function personSets(
  id: string,
  state: 'closed' | 'open',
  reason?: string,
  sender?: { login: string; id: number; type: 'Bot' },
): Promise<void> {
  const repo = view().state;
  const issue = taskIssue(id);
  updateIssue(harness.sim.state, repo, issue, { state, ...(reason ? { state_reason: reason } : {}) });
  const action = state === 'closed' ? 'closed' : 'reopened';
  const payload = webhooks.issuesPayload(harness.sim.state, repo, issue, action, sender ? { sender } : {});
  expect(await webhooks.deliver(harness.app.url, harness.app.secret, 'issues', payload)).toBe(200);
  await harness.idle();
}

/** GitHub sends a push for spec-sync's own commit too; the normal sync must find nothing to do. */
async function deliverOwnPush(): Promise<void> {
  const repo = view().state;
  const [commit] = view().commits('main');
  const payload = webhooks.pushPayload(harness.sim.state, repo, {
    branch: 'main',
    before: commit!.parents[0]!,
    after: commit!.sha,
    commits: [commit!],
  });
  expect(await webhooks.deliver(harness.app.url, harness.app.secret, 'push', payload)).toBe(200);
  await harness.idle();
}

describe('a person closing or reopening a task issue', () => {
  it('ticks the box when closed as completed, and the echo of that commit changes nothing', async () => {
    await withSpec();
    await personSets('T001', 'closed', 'completed');
    const number = taskIssue('T001').number;
    expect(botCommits().map((commit) => commit.message)).toEqual([`Mark T001 done (closed #${number})`]);
    expect(view().file('main', TASKS)).toContain('- [x] T001 Create the billing module');

    const issueWritesBefore = harness.sim.log.filter(
      (entry) => entry.contentCreating && entry.route?.includes('/issues'),
    ).length;
    await deliverOwnPush();
    const issueWrites = harness.sim.log.filter(
      (entry) => entry.contentCreating && entry.route?.includes('/issues'),
    ).length;
    expect(issueWrites).toBe(issueWritesBefore);
    expect(botCommits()).toHaveLength(1);
    expect(taskIssue('T001').state).toBe('closed');
    expect(harness.sim.violations).toEqual([]);
  });

  it("follows another bot's close, but not spec-sync's own", async () => {
    await withSpec();
    await personSets('T003', 'closed', 'completed', { login: 'spec-sync[bot]', id: 9000001, type: 'Bot' });
    expect(botCommits()).toEqual([]);
    // Positive control: the same close by another bot is followed.
    await personSets('T001', 'closed', 'completed', { login: 'stale[bot]', id: 9000002, type: 'Bot' });
    expect(botCommits().map((commit) => commit.message)).toEqual([
      `Mark T001 done (closed #${taskIssue('T001').number})`,
    ]);
    expect(view().file('main', TASKS)).toContain('- [ ] T003');
  });

  it('marks the task skipped when closed as not planned', async () => {
    await withSpec();
    await personSets('T003', 'closed', 'not_planned');
    expect(view().file('main', TASKS)).toContain('- [⏭️] T003 Add the invoice API');
    expect(botCommits().map((commit) => commit.message)).toEqual([
      `Mark T003 skipped (closed #${taskIssue('T003').number})`,
    ]);
    expect(harness.sim.violations).toEqual([]);
  });

  it('unticks the box when a done task is reopened', async () => {
    await withSpec();
    expect(taskIssue('T002').state).toBe('closed');
    await personSets('T002', 'open');
    expect(view().file('main', TASKS)).toContain('- [ ] T002 Add the Invoice model');
    expect(botCommits()).toHaveLength(1);
    await deliverOwnPush();
    expect(taskIssue('T002').state).toBe('open');
    expect(botCommits()).toHaveLength(1);
    expect(harness.sim.violations).toEqual([]);
  });

  it('writes nothing when the file already agrees (a repeated event)', async () => {
    await withSpec();
    await personSets('T001', 'closed', 'completed');
    const payload = webhooks.issuesPayload(harness.sim.state, view().state, taskIssue('T001'), 'closed');
    expect(await webhooks.deliver(harness.app.url, harness.app.secret, 'issues', payload)).toBe(200);
    await harness.idle();
    expect(botCommits()).toHaveLength(1);
    expect(harness.sim.violations).toEqual([]);
  });

  it('leaves tasks.md alone when write-back is off', async () => {
    await withSpec({}, 'pullRequests:\n  writeBack: off\n');
    await personSets('T001', 'closed', 'completed');
    expect(botCommits()).toEqual([]);
    expect(view().file('main', TASKS)).toContain('- [ ] T001 Create the billing module');
    expect(harness.sim.violations).toEqual([]);
  });

  it('proposes the change in a pull request when the branch is protected', async () => {
    await withSpec({ protectedBranches: ['main'] });
    await personSets('T001', 'closed', 'completed');
    const proposal = view().pulls.find((pull) => pull.user === 'spec-sync[bot]');
    expect(proposal?.title).toBe(`Mark T001 done (closed #${taskIssue('T001').number})`);
    expect(view().file(proposal!.pullRequest!.head, TASKS)).toContain('- [x] T001 Create the billing module');
    expect(harness.sim.violations).toEqual([]);
  });
});

describe('which side wins', () => {
  it("keeps a person's close made while a sync of an older tasks.md was already running", async () => {
    await withSpec();
    // Hold the next sync in its tracking-branch read, so the close arrives while it is under way.
    harness.sim.faults.rules.push({
      kind: 'slow',
      method: 'GET',
      route: '/repos/{owner}/{repo}/git/ref/{ref}',
      nth: 3,
      delayMs: 600,
    });
    const pushed = harness.sim.push({
      repo: harness.repo,
      files: { [TASKS]: tasks.replace('Add the invoice API', 'Add the invoice API (v2)') },
      deliverTo: harness.app,
    });
    await pushed;
    await new Promise((resolve) => setTimeout(resolve, 250));
    const repo = view().state;
    const issue = taskIssue('T001');
    updateIssue(harness.sim.state, repo, issue, { state: 'closed', state_reason: 'completed' });
    const payload = webhooks.issuesPayload(harness.sim.state, repo, issue, 'closed');
    expect(await webhooks.deliver(harness.app.url, harness.app.secret, 'issues', payload)).toBe(200);
    await harness.idle();
    // The sync saw T001 open in its file and reopened the issue; the person's close, being later, won.
    expect(taskIssue('T001').state).toBe('closed');
    expect(view().file('main', TASKS)).toContain('- [x] T001 Create the billing module');
    expect(taskIssue('T003').title).toBe('T003 Add the invoice API (v2)');
    expect(harness.sim.violations).toEqual([]);
  });
});
