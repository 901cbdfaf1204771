import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { blobSha } from './git.js';
import { type GitHubSim, startGitHubSim } from './index.js';
import { quietLog } from './quiet-log.js';

let sim: GitHubSim;
let octokit: Octokit;
const repo = { owner: 'acme', repo: 'specs' };
const TASKS = 'specs/001-x/tasks.md';

beforeAll(async () => {
  sim = await startGitHubSim({ validateResponses: true });
  sim.createRepo('acme/specs', {
    files: { [TASKS]: '- [ ] T001 one\n', 'README.md': 'hi\n' },
    protectedBranches: ['locked'],
  });
  octokit = new Octokit({ baseUrl: sim.apiUrl, auth: 'ghs_test', log: quietLog });
});
afterAll(async () => {
  await sim.close();
});

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('contents and git data', () => {
  it('serves a file with its git blob sha and base64 content', async () => {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: TASKS });
    expect(Array.isArray(data)).toBe(false);
    const file = data as { sha: string; content: string };
    // `git hash-object` of "hello\n" is ce013625030ba8dba906f756967f9e9ca394464a
    expect(blobSha('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(file.sha).toBe(blobSha('- [ ] T001 one\n'));
    expect(Buffer.from(file.content, 'base64').toString()).toBe('- [ ] T001 one\n');
    const dir = await octokit.rest.repos.getContent({ ...repo, path: 'specs' });
    expect((dir.data as { name: string; type: string }[]).map((e) => [e.name, e.type])).toEqual([
      ['001-x', 'dir'],
    ]);
    const missing = await octokit.rest.repos.getContent({ ...repo, path: 'nope.md' }).catch((e) => e);
    expect(missing.status).toBe(404);
  });

  it('refuses a stale sha with 409, a missing one with 422, and accepts the fresh one', async () => {
    const stale = await octokit.rest.repos
      .createOrUpdateFileContents({
        ...repo,
        path: TASKS,
        message: 'tick',
        content: base64('x'),
        sha: blobSha('old'),
      })
      .catch((e) => e);
    expect(stale.status).toBe(409);
    expect(stale.response.data.message).toBe(`${TASKS} does not match ${blobSha('old')}`);
    const noSha = await octokit.rest.repos
      .createOrUpdateFileContents({ ...repo, path: TASKS, message: 'tick', content: base64('x') })
      .catch((e) => e);
    expect(noSha.status).toBe(422);
    const fresh = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: TASKS,
      message: 'tick',
      content: base64('- [x] T001 one\n'),
      sha: blobSha('- [ ] T001 one\n'),
    });
    expect(fresh.status).toBe(200);
    expect(sim.repo('acme/specs').file('main', TASKS)).toBe('- [x] T001 one\n');
    const created = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'new.md',
      message: 'add',
      content: base64('n'),
    });
    expect(created.status).toBe(201);
    expect(sim.repo('acme/specs').commits('main')[0]?.message).toBe('add');
  });

  it('refuses writes to a protected branch with the rule-violation 409', async () => {
    await octokit.rest.git.createRef({
      ...repo,
      ref: 'refs/heads/locked',
      sha: sim.repo('acme/specs').sha('main')!,
    });
    const error = await octokit.rest.repos
      .createOrUpdateFileContents({
        ...repo,
        path: 'x.md',
        message: 'm',
        content: base64('x'),
        branch: 'locked',
      })
      .catch((e) => e);
    expect(error.status).toBe(409);
    expect(error.response.data.message).toBe(
      'Repository rule violations found\n\nChanges must be made through a pull request.',
    );
  });

  it('moves, reads and deletes refs; serves trees, blobs, commits and comparisons', async () => {
    const before = sim.repo('acme/specs').sha('main')!;
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/feature/a', sha: before });
    const { sha } = await sim.push({
      repo: 'acme/specs',
      branch: 'feature/a',
      files: { 'README.md': null, 'b/c.md': 'c\n' },
    });
    const ref = await octokit.rest.git.getRef({ ...repo, ref: 'heads/feature/a' });
    expect(ref.data.object.sha).toBe(sha);
    const commit = await octokit.rest.repos.getCommit({ ...repo, ref: sha });
    expect(commit.data.files?.map((f) => [f.filename, f.status])).toEqual([
      ['README.md', 'removed'],
      ['b/c.md', 'added'],
    ]);
    const compare = await octokit.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `main...feature/a`,
    });
    expect(compare.data.ahead_by).toBe(1);
    expect(compare.data.files?.map((f) => f.filename)).toEqual(['README.md', 'b/c.md']);
    const tree = await octokit.rest.git.getTree({ ...repo, tree_sha: 'feature/a', recursive: 'true' });
    expect(tree.data.tree.filter((e) => e.type === 'blob').map((e) => e.path)).toEqual([
      'b/c.md',
      'new.md',
      TASKS,
    ]);
    const blobEntry = tree.data.tree.find((e) => e.path === 'b/c.md');
    const blob = await octokit.rest.git.getBlob({ ...repo, file_sha: blobEntry!.sha! });
    expect(Buffer.from(blob.data.content, 'base64').toString()).toBe('c\n');
    const branch = await octokit.rest.repos.getBranch({ ...repo, branch: 'main' });
    expect(branch.data.commit.sha).toBe(before);
    await octokit.rest.git.deleteRef({ ...repo, ref: 'heads/feature/a' });
    expect(sim.repo('acme/specs').branches).not.toContain('feature/a');
  });

  it('opens, lists and merges pull requests that share the issue numbers', async () => {
    sim.createIssue('acme/specs', { title: 'an issue' });
    await sim.push({
      repo: 'acme/specs',
      branch: 'work',
      files: { [TASKS]: '- [x] T001 one\n- [ ] T002 two\n' },
    });
    const pr = await octokit.rest.pulls.create({
      ...repo,
      title: 'Work',
      head: 'work',
      base: 'main',
      body: 'Closes T002',
    });
    expect(pr.data.number).toBe(2);
    const again = await octokit.rest.pulls
      .create({ ...repo, title: 'Work', head: 'work', base: 'main' })
      .catch((e) => e);
    expect(again.status).toBe(422);
    const issues = await octokit.rest.issues.listForRepo({ ...repo, state: 'all' });
    expect(issues.data.map((i) => [i.number, 'pull_request' in i && i.pull_request !== undefined])).toEqual([
      [2, true],
      [1, false],
    ]);
    const files = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 2 });
    expect(files.data.map((f) => [f.filename, f.status])).toEqual([[TASKS, 'modified']]);
    const commits = await octokit.rest.pulls.listCommits({ ...repo, pull_number: 2 });
    expect(commits.data).toHaveLength(1);
    const { sha } = await sim.mergePullRequest('acme/specs', 2);
    const merged = await octokit.rest.pulls.get({ ...repo, pull_number: 2 });
    expect([merged.data.merged, merged.data.state, merged.data.merge_commit_sha]).toEqual([
      true,
      'closed',
      sha,
    ]);
    expect(sim.repo('acme/specs').file('main', TASKS)).toBe('- [x] T001 one\n- [ ] T002 two\n');
    const listed = await octokit.rest.pulls.list({ ...repo, state: 'closed', head: 'acme:work' });
    expect(listed.data.map((p) => p.number)).toEqual([2]);
  });

  it('stores check runs, enforces limits and accumulates annotations', async () => {
    const headSha = sim.repo('acme/specs').sha('main')!;
    const annotation = {
      path: TASKS,
      start_line: 1,
      end_line: 1,
      annotation_level: 'warning' as const,
      message: 'm',
    };
    const created = await octokit.rest.checks.create({
      ...repo,
      name: 'spec-sync / phases',
      head_sha: headSha,
      status: 'in_progress',
      output: { title: 't', summary: 's', annotations: Array.from({ length: 50 }, () => annotation) },
    });
    const tooMany = await octokit.rest.checks
      .update({
        ...repo,
        check_run_id: created.data.id,
        output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, () => annotation) },
      })
      .catch((e) => e);
    expect(tooMany.status).toBe(422);
    const tooLong = await octokit.rest.checks
      .update({ ...repo, check_run_id: created.data.id, output: { title: 't', summary: 'x'.repeat(65536) } })
      .catch((e) => e);
    expect(tooLong.status).toBe(422);
    const noConclusion = await octokit.rest.checks
      .update({ ...repo, check_run_id: created.data.id, status: 'completed' })
      .catch((e) => e);
    expect(noConclusion.status).toBe(422);
    const buttons = await octokit.rest.checks
      .update({
        ...repo,
        check_run_id: created.data.id,
        actions: [{ label: 'a'.repeat(21), description: 'd', identifier: 'i' }],
      })
      .catch((e) => e);
    expect(buttons.status).toBe(422);
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: created.data.id,
      conclusion: 'success',
      output: { title: 't', summary: 's2', annotations: [annotation] },
    });
    const list = await octokit.rest.checks.listForRef({
      ...repo,
      ref: 'main',
      check_name: 'spec-sync / phases',
    });
    expect(list.data.total_count).toBe(1);
    expect(list.data.check_runs[0]?.conclusion).toBe('success');
    expect(list.data.check_runs[0]?.output.annotations_count).toBe(51);
    const annotations = await octokit.paginate(octokit.rest.checks.listAnnotations, {
      ...repo,
      check_run_id: created.data.id,
      per_page: 100,
    });
    expect(annotations).toHaveLength(51);
  });

  it("answered every request above with objects that match GitHub's response schemas", () => {
    // the rejected check-run updates above are request violations on purpose; nothing else may appear
    const unexpected = sim.violations.filter(
      (v) => !(v.method === 'PATCH' && v.reason.startsWith('request invalid')),
    );
    expect(unexpected).toEqual([]);
  });
});
