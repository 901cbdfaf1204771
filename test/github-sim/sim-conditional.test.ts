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
  expect(sim.violations).toEqual([]);
  await sim.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

/** Octokit throws on a 304; both outcomes come back as one shape. */
async function getIssue(number: number, ifNoneMatch?: string): Promise<Answer> {
  const headers = ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch };
  try {
    return await octokit.rest.issues.get({ ...repo, issue_number: number, headers });
  } catch (error) {
    const { status, response } = error as { status: number; response: Omit<Answer, 'status'> };
    return { status, headers: response.headers, data: response.data };
  }
}

const remaining = (answer: Answer) => Number(answer.headers['x-ratelimit-remaining']);

describe('conditional requests', () => {
  it('tags a read with a strong ETag and answers a matching If-None-Match with an empty 304', async () => {
    const created = await octokit.rest.issues.create({ ...repo, title: 'Tagged' });
    expect(created.headers.etag).toBeUndefined();
    const first = await getIssue(created.data.number);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    const again = await getIssue(created.data.number, String(first.headers.etag));
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.data).toBe('');
    expect(sim.log.at(-1)).toMatchObject({ method: 'GET', status: 304 });
    expect(sim.counters().notModified).toBe(1);
  });

  it('does not spend a rate-limit point on a 304, and does on a 200', async () => {
    const { data } = await octokit.rest.issues.create({ ...repo, title: 'Counted' });
    const first = await getIssue(data.number);
    const notModified = await getIssue(data.number, String(first.headers.etag));
    expect(notModified.status).toBe(304);
    expect(remaining(notModified)).toBe(remaining(first));
    const fresh = await getIssue(data.number);
    expect(fresh.status).toBe(200);
    expect(remaining(fresh)).toBe(remaining(first) - 1);
  });

  it('gives a changed resource a new ETag and a full 200', async () => {
    const { data } = await octokit.rest.issues.create({ ...repo, title: 'Before' });
    const before = await getIssue(data.number);
    await octokit.rest.issues.update({ ...repo, issue_number: data.number, title: 'After' });
    const after = await getIssue(data.number, String(before.headers.etag));
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((after.data as { title: string }).title).toBe('After');
  });

  it('compares weakly and accepts a list of tags, as RFC 9110 says of If-None-Match', async () => {
    const { data } = await octokit.rest.issues.create({ ...repo, title: 'Listed' });
    const etag = String((await getIssue(data.number)).headers.etag);
    expect((await getIssue(data.number, `"other", W/${etag}`)).status).toBe(304);
    expect((await getIssue(data.number, '"other"')).status).toBe(200);
  });

  it('gives a page a new ETag when the list grows past it, though its items are the same', async () => {
    const page = { ...repo, state: 'all' as const, direction: 'asc' as const, per_page: 100 };
    const first = await octokit.rest.issues.listForRepo(page);
    expect(first.data.length).toBeLessThan(100);
    for (let n = first.data.length; n < 100; n += 1)
      sim.createIssue('acme/widgets', { title: `Filler ${n}` });
    const full = await octokit.rest.issues.listForRepo(page);
    expect(full.headers.link).toBeUndefined();
    sim.createIssue('acme/widgets', { title: 'One more' });
    const grown = await octokit.rest.issues.listForRepo({
      ...page,
      headers: { 'if-none-match': String(full.headers.etag) },
    });
    expect(grown.status).toBe(200);
    expect(grown.data).toEqual(full.data);
    expect(grown.headers.link).toContain('rel="next"');
  });

  it('tags a raw file read and answers 304 while the file is unchanged', async () => {
    const read = (headers: Record<string, string> = {}) =>
      octokit.rest.repos.getContent({
        ...repo,
        path: 'README.md',
        mediaType: { format: 'raw' },
        headers,
      });
    const first = await read();
    expect(first.data).toBe('hello\n');
    const error = await read({ 'if-none-match': String(first.headers.etag) }).catch((e) => e);
    expect(error.status).toBe(304);
  });
});
