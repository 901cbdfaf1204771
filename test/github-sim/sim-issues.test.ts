import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { type GitHubSim, startGitHubSim } from './index.js';
import { quietLog } from './quiet-log.js';

let sim: GitHubSim;
let octokit: Octokit;
const repo = { owner: 'acme', repo: 'widgets' };

beforeAll(async () => {
  sim = await startGitHubSim({ validateResponses: true });
  sim.createRepo('acme/widgets', { files: { 'README.md': 'hello\n' } });
  octokit = new Octokit({ baseUrl: sim.apiUrl, auth: 'ghs_test', log: quietLog });
});
afterAll(async () => {
  await sim.close();
});

describe('issues', () => {
  it('pages 250 issues 100 at a time with GitHub-style Link headers', async () => {
    for (let i = 1; i <= 250; i += 1) sim.createIssue('acme/widgets', { title: `Issue ${i}` });
    const first = await octokit.rest.issues.listForRepo({ ...repo, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toContain('page=2>; rel="next"');
    expect(first.headers.link).toContain('page=3>; rel="last"');
    expect(first.headers.link).not.toContain('rel="prev"');
    const last = await octokit.rest.issues.listForRepo({ ...repo, per_page: 100, page: 3 });
    expect(last.data).toHaveLength(50);
    expect(last.headers.link).toContain('page=2>; rel="prev"');
    expect(last.headers.link).toContain('page=1>; rel="first"');
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, per_page: 100 });
    expect(all).toHaveLength(250);
    // newest first by default
    expect(all[0]?.title).toBe('Issue 250');
    const defaults = await octokit.rest.issues.listForRepo(repo);
    expect(defaults.data).toHaveLength(30);
  });

  it('filters by state and by all given labels', async () => {
    const a = await octokit.rest.issues.create({ ...repo, title: 'A', labels: ['spec', 'phase:1'] });
    await octokit.rest.issues.create({ ...repo, title: 'B', labels: ['spec'] });
    expect(a.status).toBe(201);
    const both = await octokit.rest.issues.listForRepo({ ...repo, labels: 'spec,phase:1' });
    expect(both.data.map((i) => i.title)).toEqual(['A']);
    await octokit.rest.issues.update({
      ...repo,
      issue_number: a.data.number,
      state: 'closed',
      state_reason: 'not_planned',
    });
    const open = await octokit.rest.issues.listForRepo({ ...repo, labels: 'spec' });
    expect(open.data.map((i) => i.title)).toEqual(['B']);
    const closed = await octokit.rest.issues.listForRepo({ ...repo, labels: 'spec', state: 'closed' });
    expect(closed.data.map((i) => [i.title, i.state_reason])).toEqual([['A', 'not_planned']]);
    const stored = sim.repo('acme/widgets').issue(a.data.number);
    expect(stored?.stateReason).toBe('not_planned');
    expect(stored?.user).toBe('spec-sync[bot]');
    // labels named on an issue are created in the repository
    expect(sim.repo('acme/widgets').labels.map((l) => l.name)).toEqual(
      expect.arrayContaining(['spec', 'phase:1']),
    );
  });

  it('filters by since on updated_at', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const clockSim = await startGitHubSim({ clock: () => now });
    clockSim.createRepo('o/r');
    clockSim.createIssue('o/r', { title: 'old' });
    now += 3_600_000;
    clockSim.createIssue('o/r', { title: 'new' });
    const client = new Octokit({ baseUrl: clockSim.apiUrl, auth: 't' });
    const { data } = await client.rest.issues.listForRepo({
      owner: 'o',
      repo: 'r',
      since: '2030-01-01T00:30:00Z',
    });
    expect(data.map((i) => i.title)).toEqual(['new']);
    await clockSim.close();
  });

  it('creating an existing label is refused with already_exists', async () => {
    await octokit.rest.issues.createLabel({ ...repo, name: 'dup', color: 'ff0000' });
    const error = await octokit.rest.issues
      .createLabel({ ...repo, name: 'DUP', color: 'ff0000' })
      .catch((e) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors[0].code).toBe('already_exists');
  });

  it('keeps comments, sub-issues and dependencies', async () => {
    const parent = await octokit.rest.issues.create({ ...repo, title: 'parent' });
    const child = await octokit.rest.issues.create({ ...repo, title: 'child' });
    const comment = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: parent.data.number,
      body: 'one',
    });
    await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.data.id, body: 'two' });
    const comments = await octokit.rest.issues.listComments({ ...repo, issue_number: parent.data.number });
    expect(comments.data.map((c) => c.body)).toEqual(['two']);
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', {
      ...repo,
      issue_number: parent.data.number,
      sub_issue_id: child.data.id,
    });
    const up = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/parent', {
      ...repo,
      issue_number: child.data.number,
    });
    expect(up.data.number).toBe(parent.data.number);
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by', {
      ...repo,
      issue_number: parent.data.number,
      issue_id: child.data.id,
    });
    expect(sim.repo('acme/widgets').issue(parent.data.number)?.blockedByIds).toEqual([child.data.id]);
  });

  it("answered every request above with objects that match GitHub's response schemas", () => {
    expect(sim.violations).toEqual([]);
  });
});
