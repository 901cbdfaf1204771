import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createCliClient, describeSyncFailure, runSync } from '../../src/cli/sync-command.js';
import { type GitHubSim, startGitHubSim } from '../github-sim/index.js';

const TASKS = '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 Create the project\n- [x] T002 Add linting\n';

describe('spec-sync sync', () => {
  let sim: GitHubSim;
  let out: string[];
  let err: string[];
  const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };

  beforeEach(async () => {
    sim = await startGitHubSim();
    sim.createRepo('acme/shop', {
      files: {
        'specs/001-a/tasks.md': TASKS,
        'specs/001-a/spec.md': '# s\n',
        'specs/001-a/plan.md': '# p\n',
      },
    });
    out = [];
    err = [];
  });
  afterEach(async () => {
    expect(sim.violations).toEqual([]);
    await sim.close();
  });

  it('prints the plan and writes nothing with --dry-run', async () => {
    const client = createCliClient('ghp_test', sim.apiUrl, { timeScale: 0.001 });
    const code = await runSync({ repo: 'acme/shop', dryRun: true }, io, client);
    expect(code).toBe(0);
    expect(out[0]).toBe('specs/001-a/tasks.md (main): 2 to create, 1 to update, 0 comments');
    expect(out.some((line) => line.includes('create  T001 Create the project'))).toBe(true);
    // T002 is done: its issue does not exist yet, and the line says what will happen to it.
    expect(out).toContain('  close   (new issue for T002, closed as done once created)');
    expect(out.join('\n')).not.toMatch(/update {2}T00/);
    expect(sim.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
    expect(sim.repo('acme/shop').issues).toEqual([]);
  });

  it('lists the structure writes with --dry-run when sub-issues and blocked-by are on', async () => {
    sim.push({
      repo: 'acme/shop',
      files: {
        '.github/spec-sync.yml': 'structure:\n  subIssues: true\n  blockedBy: true\n',
        'specs/001-a/tasks.md': `${TASKS}- [ ] T003 Wire it up (depends on T001)\n`,
      },
    });
    const client = createCliClient('ghp_test', sim.apiUrl, { timeScale: 0.001 });
    expect(await runSync({ repo: 'acme/shop', dryRun: true }, io, client)).toBe(0);
    expect(out[0]).toBe(
      'specs/001-a/tasks.md (main): 3 to create, 1 to update, 0 comments, 6 structure writes',
    );
    expect(out.filter((line) => line.startsWith('  structure'))).toEqual([
      '  structure  create the spec issue: 001-a: A',
      '  structure  add T001 as a sub-issue of spec',
      '  structure  add T002 as a sub-issue of spec',
      '  structure  add T003 as a sub-issue of spec',
      '  structure  T003 blocked by T001',
      // The parent records what was made once it is made.
      '  structure  update the spec issue (body)',
    ]);
    expect(sim.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('syncs the issues, and a second run writes nothing', async () => {
    const client = createCliClient('ghp_test', sim.apiUrl, { timeScale: 0.001 });
    expect(await runSync({ repo: 'acme/shop', spec: 'specs/001-a' }, io, client)).toBe(0);
    const issues = sim.repo('acme/shop').issues;
    const [first, second] = issues.map((issue) => issue.number);
    // Each issue as it is written, with its number, then a summary.
    expect(out).toEqual([
      'specs/001-a/tasks.md: syncing',
      `  created   #${first}  T001 Create the project`,
      `  created   #${second}  T002 Add linting`,
      `  closed    #${second}  T002 Add linting`,
      'Synced 1 spec(s): 2 created, 0 updated, 1 closed, 0 reopened, 0 commented',
    ]);
    expect(issues.map((issue) => [issue.title, issue.state])).toEqual([
      ['T001 Create the project', 'open'],
      ['T002 Add linting', 'closed'],
    ]);
    sim.resetLog();
    expect(await runSync({ repo: 'acme/shop' }, io, client)).toBe(0);
    expect(sim.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('reads again with If-None-Match: what did not change since the last run is answered 304', async () => {
    const client = createCliClient('ghp_test', sim.apiUrl, { timeScale: 0.001 });
    const sync = () => runSync({ repo: 'acme/shop', spec: 'specs/001-a' }, io, client);
    // the first run writes (the repository and its issue listing change); the second only reads
    expect(await sync()).toBe(0);
    expect(await sync()).toBe(0);
    sim.resetLog();
    expect(await sync()).toBe(0);
    const reads = sim.log.filter((entry) => entry.method === 'GET');
    const notModified = reads.filter((entry) => entry.status === 304);
    expect(notModified.length).toBeGreaterThan(0);
    expect(notModified.every((entry) => entry.conditional)).toBe(true);
    // nothing changed since the second run: each of its reads is a 304 now
    expect(reads.filter((entry) => entry.status === 200)).toEqual([]);
  });

  it('says what is missing instead of running without a token or with a bad --repo', async () => {
    const saved = { token: process.env.GITHUB_TOKEN, gh: process.env.GH_TOKEN };
    delete process.env.GITHUB_TOKEN;
    delete process.env.GH_TOKEN;
    try {
      expect(await runSync({ repo: 'acme/shop' }, io)).toBe(2);
      expect(err.join('\n')).toContain('GITHUB_TOKEN');
      expect(await runSync({ repo: 'shop' }, io)).toBe(2);
      expect(err.join('\n')).toContain('OWNER/NAME');
    } finally {
      if (saved.token !== undefined) process.env.GITHUB_TOKEN = saved.token;
      if (saved.gh !== undefined) process.env.GH_TOKEN = saved.gh;
    }
  });

  it('calls a request that never got an answer a network error', async () => {
    const closed = await startGitHubSim();
    const apiUrl = closed.apiUrl;
    await closed.close();
    const client = createCliClient('ghp_test', apiUrl, { timeScale: 0.001, retry: false });
    const error = await runSync({ repo: 'acme/shop' }, io, client).catch((caught: unknown) => caught);
    expect(describeSyncFailure(error, apiUrl)).toMatch(
      new RegExp(
        `^spec-sync sync: network error, GitHub at ${apiUrl} could not be reached \\(.*ECONNREFUSED`,
      ),
    );
  });
});
