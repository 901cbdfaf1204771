import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { type GitHubSim, startGitHubSim } from './index.js';
import { quietLog } from './quiet-log.js';

let sim: GitHubSim;
let octokit: Octokit;
const repo = { owner: 'acme', repo: 'shape' };

beforeAll(async () => {
  sim = await startGitHubSim({ validateResponses: true });
  sim.createRepo('acme/shape', { assignable: ['alice', 'bob'] });
  octokit = new Octokit({ baseUrl: sim.apiUrl, auth: 'ghs_test', log: quietLog });
});
afterAll(async () => {
  await sim.close();
});

async function newIssue(title: string) {
  return (await octokit.rest.issues.create({ ...repo, title })).data;
}

async function subTitles(parent: number): Promise<string[]> {
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', {
    ...repo,
    issue_number: parent,
  });
  return data.map((issue) => issue.title);
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  return promise.then(
    () => 200,
    (error: { status: number }) => error.status,
  );
}

describe('sub-issues', () => {
  it('adds, reorders with the priority endpoint, and removes', async () => {
    const parent = await newIssue('parent');
    const [a, b, c] = [await newIssue('a'), await newIssue('b'), await newIssue('c')];
    for (const child of [a, b, c]) {
      await octokit.rest.issues.addSubIssue({ ...repo, issue_number: parent.number, sub_issue_id: child.id });
    }
    expect(await subTitles(parent.number)).toEqual(['a', 'b', 'c']);
    const move = (anchor: { before_id: number } | { after_id: number }) =>
      octokit.rest.issues.reprioritizeSubIssue({
        ...repo,
        issue_number: parent.number,
        sub_issue_id: c.id,
        ...anchor,
      });
    await move({ before_id: a.id });
    expect(await subTitles(parent.number)).toEqual(['c', 'a', 'b']);
    await move({ after_id: b.id });
    expect(await subTitles(parent.number)).toEqual(['a', 'b', 'c']);
    const removed = await octokit.rest.issues.removeSubIssue({
      ...repo,
      issue_number: parent.number,
      sub_issue_id: b.id,
    });
    expect(removed.data.number).toBe(parent.number);
    expect(await subTitles(parent.number)).toEqual(['a', 'c']);
    expect(sim.repo('acme/shape').issue(b.number)?.parentId).toBeNull();
    const summary = (await octokit.rest.issues.get({ ...repo, issue_number: parent.number })).data;
    expect(summary.sub_issues_summary?.total).toBe(2);
  });

  it('refuses a reorder naming both anchors, neither, or an issue that is not a sub-issue', async () => {
    const parent = await newIssue('p2');
    const [a, b, stranger] = [await newIssue('a2'), await newIssue('b2'), await newIssue('x2')];
    for (const child of [a, b])
      await octokit.rest.issues.addSubIssue({ ...repo, issue_number: parent.number, sub_issue_id: child.id });
    const call = (body: Record<string, number>) =>
      statusOf(
        octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority', {
          ...repo,
          issue_number: parent.number,
          sub_issue_id: a.id,
          ...body,
        }),
      );
    expect(await call({ after_id: b.id, before_id: b.id })).toBe(422);
    expect(await call({})).toBe(422);
    expect(await call({ after_id: stranger.id })).toBe(422);
  });

  it('removing an issue that is not a sub-issue is a 404', async () => {
    const parent = await newIssue('p3');
    const other = await newIssue('o3');
    const status = await statusOf(
      octokit.rest.issues.removeSubIssue({ ...repo, issue_number: parent.number, sub_issue_id: other.id }),
    );
    expect(status).toBe(404);
  });

  it('holds 100 sub-issues per parent, closed ones included', async () => {
    const parent = await newIssue('full');
    for (let n = 0; n < 100; n += 1) {
      const child = sim.createIssue('acme/shape', { title: `child ${n}` });
      sim.repo('acme/shape').issue(parent.number)!.subIssueIds.push(child.id);
      child.parentId = parent.id;
      if (n % 2 === 0) child.state = 'closed';
    }
    const extra = await newIssue('one too many');
    const status = await statusOf(
      octokit.rest.issues.addSubIssue({ ...repo, issue_number: parent.number, sub_issue_id: extra.id }),
    );
    expect(status).toBe(422);
  });

  it('nests at most 8 levels and refuses a cycle', async () => {
    const chain = [await newIssue('level 1')];
    for (let level = 2; level <= 8; level += 1) {
      const child = await newIssue(`level ${level}`);
      await octokit.rest.issues.addSubIssue({
        ...repo,
        issue_number: chain.at(-1)!.number,
        sub_issue_id: child.id,
      });
      chain.push(child);
    }
    const ninth = await newIssue('level 9');
    const tooDeep = await statusOf(
      octokit.rest.issues.addSubIssue({ ...repo, issue_number: chain[7]!.number, sub_issue_id: ninth.id }),
    );
    expect(tooDeep).toBe(422);
    const cycle = await statusOf(
      octokit.rest.issues.addSubIssue({
        ...repo,
        issue_number: chain[3]!.number,
        sub_issue_id: chain[0]!.id,
      }),
    );
    expect(cycle).toBe(422);
  });
});

describe('issue dependencies', () => {
  it('lists, adds and removes blocked-by, and lists what an issue blocks', async () => {
    const task = await newIssue('task');
    const [x, y] = [await newIssue('x'), await newIssue('y')];
    for (const blocker of [x, y]) {
      const added = await octokit.rest.issues.addBlockedByDependency({
        ...repo,
        issue_number: task.number,
        issue_id: blocker.id,
      });
      expect(added.status).toBe(201);
    }
    const listed = await octokit.rest.issues.listDependenciesBlockedBy({
      ...repo,
      issue_number: task.number,
    });
    expect(listed.data.map((issue) => issue.title)).toEqual(['x', 'y']);
    const blocking = await octokit.rest.issues.listDependenciesBlocking({ ...repo, issue_number: x.number });
    expect(blocking.data.map((issue) => issue.title)).toEqual(['task']);
    const twice = await statusOf(
      octokit.rest.issues.addBlockedByDependency({ ...repo, issue_number: task.number, issue_id: x.id }),
    );
    expect(twice).toBe(422);
    await octokit.rest.issues.removeDependencyBlockedBy({
      ...repo,
      issue_number: task.number,
      issue_id: x.id,
    });
    const after = await octokit.rest.issues.listDependenciesBlockedBy({ ...repo, issue_number: task.number });
    expect(after.data.map((issue) => issue.title)).toEqual(['y']);
    const gone = await statusOf(
      octokit.rest.issues.removeDependencyBlockedBy({ ...repo, issue_number: task.number, issue_id: x.id }),
    );
    expect(gone).toBe(404);
  });
});

describe('milestones', () => {
  it('creates, reads, updates, assigns and deletes, never reusing a number', async () => {
    const made = await octokit.rest.issues.createMilestone({ ...repo, title: '002-billing' });
    expect(made.status).toBe(201);
    const number = made.data.number;
    const issue = (await octokit.rest.issues.create({ ...repo, title: 'in milestone', milestone: number }))
      .data;
    expect(issue.milestone?.number).toBe(number);
    const read = await octokit.rest.issues.getMilestone({ ...repo, milestone_number: number });
    expect(read.data.open_issues).toBe(1);
    const closed = await octokit.rest.issues.updateMilestone({
      ...repo,
      milestone_number: number,
      state: 'closed',
      description: 'done',
    });
    expect([closed.data.state, closed.data.description]).toEqual(['closed', 'done']);
    const open = await octokit.rest.issues.listMilestones(repo);
    expect(open.data.map((m) => m.number)).not.toContain(number);
    const taken = await statusOf(octokit.rest.issues.createMilestone({ ...repo, title: '002-billing' }));
    expect(taken).toBe(422);
    const deleted = await octokit.rest.issues.deleteMilestone({ ...repo, milestone_number: number });
    expect(deleted.status).toBe(204);
    expect(sim.repo('acme/shape').issue(issue.number)?.milestone).toBeNull();
    const next = await octokit.rest.issues.createMilestone({ ...repo, title: 'next' });
    expect(next.data.number).toBe(number + 1);
    const missing = await statusOf(octokit.rest.issues.getMilestone({ ...repo, milestone_number: number }));
    expect(missing).toBe(404);
    const unknown = await statusOf(octokit.rest.issues.create({ ...repo, title: 't', milestone: 999 }));
    expect(unknown).toBe(422);
  });
});

describe('assignees', () => {
  it('answers 204 for a login that can be assigned and 404 for one that cannot', async () => {
    const yes = await octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: 'Alice' });
    expect(yes.status).toBe(204);
    const no = await statusOf(octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: 'mallory' }));
    expect(no).toBe(404);
    const all = await octokit.rest.issues.listAssignees(repo);
    expect(all.data.map((user) => user.login)).toEqual(['alice', 'bob']);
  });

  it('refuses an issue write naming someone who cannot be assigned; adding ignores them', async () => {
    const refused = await statusOf(
      octokit.rest.issues.create({ ...repo, title: 'who', assignees: ['alice', 'mallory'] }),
    );
    expect(refused).toBe(422);
    const issue = (await octokit.rest.issues.create({ ...repo, title: 'who', assignees: ['alice'] })).data;
    const added = await octokit.rest.issues.addAssignees({
      ...repo,
      issue_number: issue.number,
      assignees: ['bob', 'mallory'],
    });
    expect(added.data.assignees?.map((user) => user.login)).toEqual(['alice', 'bob']);
    const removed = await octokit.rest.issues.removeAssignees({
      ...repo,
      issue_number: issue.number,
      assignees: ['alice'],
    });
    expect(removed.data.assignees?.map((user) => user.login)).toEqual(['bob']);
  });
});

describe('schema', () => {
  it("answered every request above with objects that match GitHub's response schemas", () => {
    expect(sim.violations).toEqual([]);
  });
});
