import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type RunnerEnv, runAction } from '../../src/action/run-action.js';
import { type GitHubSim, startGitHubSim } from '../github-sim/index.js';
import { pullRequestPayload, pushPayload } from '../github-sim/webhooks.js';

const REPO = 'acme/shop';
const TASKS = '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 Create the project\n- [ ] T002 Add linting\n';
const SPEC_FILES = { 'specs/001-a/spec.md': '# Spec\n', 'specs/001-a/plan.md': '# Plan\n' };

let sim: GitHubSim;
let dir: string;
let out: string[];
let err: string[];
const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };

beforeEach(async () => {
  sim = await startGitHubSim({ validateResponses: true });
  sim.createRepo(REPO, { files: { 'README.md': '# shop\n' } });
  dir = mkdtempSync(join(tmpdir(), 'spec-sync-action-'));
  out = [];
  err = [];
});
afterEach(async () => {
  expect(sim.violations).toEqual([]);
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the runner sets for a step `uses: spec-sync/spec-sync` on an event, with the action's inputs. */
function runnerEnv(event: string, payload: object, inputs: Record<string, string>): RunnerEnv {
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(payload));
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: REPO,
    GITHUB_API_URL: sim.apiUrl,
    GITHUB_WORKSPACE: join(dir, 'workspace'),
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    INPUT_TOKEN: 'ghs_workflow_token',
    'INPUT_LOG-LEVEL': 'silent',
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
  };
}

/** A push as a workflow sees it: no installation, and commits without file lists. */
async function pushEvent(files: Record<string, string>): Promise<object> {
  const before = sim.repo(REPO).sha('main')!;
  const { sha } = await sim.push({ repo: REPO, files });
  const repoState = sim.repo(REPO).state;
  const payload = pushPayload(sim.state, repoState, { branch: 'main', before, after: sha, commits: [] });
  payload.commits = [{ id: sha, message: 'Add the spec', distinct: true }];
  delete payload.installation;
  return payload;
}

describe('the action (action.yml) run as the runner runs it', () => {
  it('on push, opens one issue per task with the workflow token, as the app would', async () => {
    const payload = await pushEvent({ ...SPEC_FILES, 'specs/001-a/tasks.md': TASKS });
    expect(await runAction(runnerEnv('push', payload, { command: 'event' }), io)).toBe(0);
    const issues = sim.repo(REPO).issues;
    expect(issues.map((issue) => [issue.title, issue.state])).toEqual([
      ['T001 Create the project', 'open'],
      ['T002 Add linting', 'open'],
    ]);
    expect(out).toEqual(['spec-sync: the push event was handled']);
  });

  it('passes the step when a job failed once and its retry finished the work', async () => {
    const payload = await pushEvent({ ...SPEC_FILES, 'specs/001-a/tasks.md': TASKS });
    // GitHub answers the first listing of the spec's issues with a 502: a transient failure, retried
    sim.faults.rules.push({
      kind: 'server-error',
      method: 'GET',
      route: '/repos/{owner}/{repo}/issues',
      nth: 1,
    });
    expect(await runAction(runnerEnv('push', payload, { command: 'event' }), io)).toBe(0);
    expect(sim.log.some((entry) => entry.status === 502)).toBe(true);
    expect(sim.repo(REPO).issues.map((issue) => issue.title)).toEqual([
      'T001 Create the project',
      'T002 Add linting',
    ]);
    expect(err).toEqual([]);
  });

  it('on a merged pull request that implements a task, ticks it in tasks.md and closes its issue', async () => {
    const payload = await pushEvent({ ...SPEC_FILES, 'specs/001-a/tasks.md': TASKS });
    expect(await runAction(runnerEnv('push', payload, {}), io)).toBe(0);
    await sim.push({ repo: REPO, branch: 'feature', files: { 'src/index.ts': 'export {};\n' } });
    const pull = sim.createPullRequest(REPO, {
      title: 'Create the project',
      head: 'feature',
      body: 'Implements T001',
    });
    await sim.mergePullRequest(REPO, pull.number);
    const merged = pullRequestPayload(
      sim.state,
      sim.repo(REPO).state,
      sim.repo(REPO).issue(pull.number)!,
      'closed',
    );
    delete merged.installation;
    expect(await runAction(runnerEnv('pull_request', merged, {}), io)).toBe(0);
    expect(sim.repo(REPO).file('main', 'specs/001-a/tasks.md')).toContain('- [x] T001 Create the project');
    const t001 = sim.repo(REPO).issues.find((issue) => issue.title.startsWith('T001'));
    expect(t001?.state).toBe('closed');
  });

  it('on an opened pull request, keeps one comment listing the tasks it will close', async () => {
    const payload = await pushEvent({ ...SPEC_FILES, 'specs/001-a/tasks.md': TASKS });
    expect(await runAction(runnerEnv('push', payload, {}), io)).toBe(0);
    await sim.push({ repo: REPO, branch: 'feature', files: { 'src/lint.ts': 'export {};\n' } });
    const pull = sim.createPullRequest(REPO, { title: 'Linting', head: 'feature', body: 'Implements T002' });
    const opened = pullRequestPayload(sim.state, sim.repo(REPO).state, pull, 'opened');
    delete opened.installation;
    expect(await runAction(runnerEnv('pull_request', opened, {}), io)).toBe(0);
    const comments = sim.repo(REPO).issue(pull.number)?.comments ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('T002');
  });

  it('check: prints workflow-command annotations from the checked-out files and fails on a broken gate', async () => {
    const workspace = join(dir, 'workspace');
    for (const [path, text] of Object.entries({
      ...SPEC_FILES,
      'specs/001-a/tasks.md':
        '## Phase 1: Setup\n- [ ] T001 a\n## Phase 2: Build\n- [x] T002 b (depends on T001)\n',
    })) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    mkdirSync(join(workspace, '.git'));
    const code = await runAction(runnerEnv('pull_request', {}, { command: 'check' }), io);
    expect(code).toBe(1);
    expect(out.some((line) => /^::error file=specs\/001-a\/tasks\.md,line=4,/.test(line))).toBe(true);
  });

  it('fails the step, saying why, when a job fails (no such repository)', async () => {
    const payload = await pushEvent({ ...SPEC_FILES, 'specs/001-a/tasks.md': TASKS });
    const repository = (payload as { repository: { name: string } }).repository;
    repository.name = 'gone';
    expect(await runAction(runnerEnv('push', payload, {}), io)).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^spec-sync: 1 job\(s\) failed on the push event/)]);
  });
});
