import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { type GitHubSim, startGitHubSim } from './index.js';
import { loadOpenApi } from './openapi.js';
import { quietLog } from './quiet-log.js';

let sim: GitHubSim;
let octokit: Octokit;
const repo = { owner: 'o', repo: 'r' };

beforeEach(async () => {
  sim = await startGitHubSim();
  sim.createRepo('o/r');
  octokit = new Octokit({ baseUrl: sim.apiUrl, auth: 'ghs_test', log: quietLog });
});
afterEach(async () => {
  await sim.close();
});

describe('faults', () => {
  it('reports the primary rate limit on every answer and refuses with 403 when spent', async () => {
    sim.faults.rateLimit = { limit: 3 };
    const first = await octokit.rest.repos.get(repo);
    expect(first.headers['x-ratelimit-limit']).toBe('3');
    expect(first.headers['x-ratelimit-remaining']).toBe('2');
    expect(first.headers['x-ratelimit-used']).toBe('1');
    await octokit.rest.repos.get(repo);
    await octokit.rest.repos.get(repo);
    const spent = await octokit.rest.repos.get(repo).catch((e) => e);
    expect(spent.status).toBe(403);
    expect(spent.response.headers['x-ratelimit-remaining']).toBe('0');
    expect(spent.response.data.message).toMatch(/^API rate limit exceeded/);
  });

  it('applies the per-minute secondary limit to content-creating requests only', async () => {
    let now = 1_000_000;
    const clocked = await startGitHubSim({
      clock: () => now,
      faults: { secondaryLimit: { perMinute: 2, retryAfterSeconds: 7 } },
    });
    clocked.createRepo('o/r');
    const client = new Octokit({ baseUrl: clocked.apiUrl, auth: 't', log: quietLog });
    await client.rest.issues.create({ ...repo, title: 'a' });
    await client.rest.issues.create({ ...repo, title: 'b' });
    const third = await client.rest.issues.create({ ...repo, title: 'c' }).catch((e) => e);
    expect(third.status).toBe(403);
    expect(third.response.headers['retry-after']).toBe('7');
    expect(third.response.data.message).toMatch(/secondary rate limit/);
    expect((await client.rest.issues.listForRepo(repo)).status).toBe(200);
    now += 60_001;
    expect((await client.rest.issues.create({ ...repo, title: 'd' })).status).toBe(201);
    expect(clocked.repo('o/r').issues.map((i) => i.title)).toEqual(['a', 'b', 'd']);
    await clocked.close();
  });

  it('can answer the secondary limit with 429', async () => {
    sim.faults.secondaryLimit = { perMinute: 0, status: 429, retryAfterSeconds: 1 };
    const error = await octokit.rest.issues.create({ ...repo, title: 'a' }).catch((e) => e);
    expect(error.status).toBe(429);
    expect(error.response.headers['retry-after']).toBe('1');
  });

  it('injects a 5xx on the Nth matching request without changing state', async () => {
    sim.faults.rules.push({
      kind: 'server-error',
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues',
      nth: 2,
      status: 503,
    });
    await octokit.rest.issues.create({ ...repo, title: 'a' });
    const error = await octokit.rest.issues.create({ ...repo, title: 'b' }).catch((e) => e);
    expect(error.status).toBe(503);
    await octokit.rest.issues.create({ ...repo, title: 'c' });
    expect(sim.repo('o/r').issues.map((i) => i.title)).toEqual(['a', 'c']);
  });

  it('drops a connection before handling it', async () => {
    sim.faults.rules.push({ kind: 'drop', method: 'POST', nth: 1 });
    const error = await octokit.rest.issues.create({ ...repo, title: 'a' }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(500);
    expect(sim.repo('o/r').issues).toHaveLength(0);
    expect(sim.log.at(-1)?.status).toBe(0);
  });

  it('loses a create response: the issue exists although the client saw an error', async () => {
    sim.faults.rules.push({
      kind: 'lost-response',
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues',
      nth: 1,
    });
    const error = await octokit.rest.issues.create({ ...repo, title: 'ghost' }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(sim.repo('o/r').issues.map((i) => i.title)).toEqual(['ghost']);
  });

  it('fails a seeded share of requests reproducibly', async () => {
    const outcomes = async () => {
      const local = await startGitHubSim({
        faults: { seed: 42, rules: [{ kind: 'server-error', rate: 0.5 }] },
      });
      local.createRepo('o/r');
      const client = new Octokit({ baseUrl: local.apiUrl, auth: 't', log: quietLog });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1)
        statuses.push(
          await client.rest.repos.get(repo).then(
            (r) => r.status,
            (e) => e.status,
          ),
        );
      await local.close();
      return statuses;
    };
    const first = await outcomes();
    expect(first).toEqual(await outcomes());
    expect(first).toContain(502);
    expect(first).toContain(200);
  });
});

describe('schema checks', () => {
  it('refuses a body of the wrong type with 422 and records it', async () => {
    const error = await octokit
      .request('POST /repos/{owner}/{repo}/issues', { ...repo, title: 'x', labels: 'not-an-array' } as never)
      .catch((e) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.message).toMatch(/^Invalid request\./);
    expect(sim.violations).toEqual([expect.objectContaining({ method: 'POST', path: '/repos/o/r/issues' })]);
    expect(sim.repo('o/r').issues).toHaveLength(0);
  });

  it('refuses a missing required body field', async () => {
    const error = await octokit
      .request('POST /repos/{owner}/{repo}/issues', { ...repo, body: 'no title' } as never)
      .catch((e) => e);
    expect(error.status).toBe(422);
  });

  it('answers 404 for an unknown route and records it', async () => {
    const error = await octokit.request('GET /repos/{owner}/{repo}/no-such-thing', repo).catch((e) => e);
    expect(error.status).toBe(404);
    expect(error.response.data.message).toBe('Not Found');
    expect(sim.violations[0]).toEqual({
      method: 'GET',
      path: '/repos/o/r/no-such-thing',
      reason: 'unknown route',
    });
  });

  it('answers 404 for a wrong method on a known path', async () => {
    const error = await octokit.request('PUT /repos/{owner}/{repo}/issues', repo).catch((e) => e);
    expect(error.status).toBe(404);
    expect(sim.violations[0]?.reason).toMatch(/method not allowed/);
  });

  it('refuses a non-integer path parameter', async () => {
    const error = await octokit
      .request('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: 'abc' } as never)
      .catch((e) => e);
    expect(error.status).toBe(422);
  });

  it("response validation notices an object poorer than GitHub's", () => {
    const api = loadOpenApi();
    expect(
      api.validateResponse('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 200, { id: 1 }),
    ).toMatch(/required/);
  });

  it('matches greedy parameters and prefers literal segments', () => {
    const api = loadOpenApi();
    expect(api.match('GET', '/repos/o/r/contents/specs/001-x/tasks.md')?.params.path).toBe(
      'specs/001-x/tasks.md',
    );
    expect(api.match('GET', '/repos/o/r/commits/abc/check-runs')?.template).toBe(
      '/repos/{owner}/{repo}/commits/{ref}/check-runs',
    );
    expect(api.match('PATCH', '/repos/o/r/git/refs/heads/feature/a')?.params.ref).toBe('heads/feature/a');
    expect(api.match('PATCH', '/repos/o/r/issues/comments/5')?.template).toBe(
      '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    );
  });
});

describe('counters and log', () => {
  it('counts reads and content-creating writes and can be reset', async () => {
    await octokit.rest.repos.get(repo);
    await octokit.rest.issues.create({ ...repo, title: 'a' });
    expect(sim.counters()).toEqual({ reads: 1, writes: 1, contentCreating: 1, total: 2, notModified: 0 });
    expect(sim.log[1]).toEqual(
      expect.objectContaining({
        method: 'POST',
        route: '/repos/{owner}/{repo}/issues',
        status: 201,
        contentCreating: true,
      }),
    );
    sim.resetLog();
    expect(sim.counters().total).toBe(0);
  });
});
