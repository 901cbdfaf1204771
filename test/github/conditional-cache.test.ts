import { describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { paceClient } from '../../src/github/client.js';
import { ConditionalCache } from '../../src/github/conditional-cache.js';
import { Pacer } from '../../src/github/pacer.js';
import { quietLog } from '../github-sim/quiet-log.js';

/**
 * A real Octokit over an in-memory transport that answers like GitHub: every 200 to a GET carries an ETag
 * (a version counter of the resource), and a matching If-None-Match gets an empty 304.
 */
function fakeGitHub() {
  const resources = new Map<string, { version: number; body: unknown; link?: string }>();
  const sent: Array<{ method: string; url: string; ifNoneMatch: string | null; status: number }> = [];
  let refuseNext = false;
  const fetch = async (url: string, init: { method: string; headers: Record<string, string> }) => {
    const headers = new Headers(init.headers);
    const path = new URL(url).pathname + new URL(url).search;
    const resource = resources.get(`${headers.get('accept')} ${path}`) ?? resources.get(path);
    const ifNoneMatch = headers.get('if-none-match');
    const log = (status: number) => sent.push({ method: init.method, url: path, ifNoneMatch, status });
    if (refuseNext) {
      refuseNext = false;
      log(403);
      return Response.json(
        { message: 'You have exceeded a secondary rate limit' },
        { status: 403, headers: { 'retry-after': '1' } },
      );
    }
    if (init.method !== 'GET') {
      log(201);
      return Response.json({ id: 1 }, { status: 201 });
    }
    if (!resource) {
      log(404);
      return Response.json({ message: 'Not Found' }, { status: 404 });
    }
    const etag = `"v${resource.version}"`;
    if (ifNoneMatch === etag) {
      log(304);
      return new Response(null, { status: 304, headers: { etag, 'x-ratelimit-remaining': '4999' } });
    }
    log(200);
    const headers200: Record<string, string> = { etag, 'x-ratelimit-remaining': '4998' };
    if (resource.link) headers200.link = resource.link;
    return Response.json(resource.body, { headers: headers200 });
  };
  const put = (path: string, body: unknown, link?: string) =>
    resources.set(path, { version: (resources.get(path)?.version ?? 0) + 1, body, link });
  const refuseOnce = () => {
    refuseNext = true;
  };
  return { fetch, put, sent, refuseOnce };
}

function client(github: ReturnType<typeof fakeGitHub>, cache: ConditionalCache, installation = '1') {
  const octokit = new Octokit({ auth: 'ghs_test', log: quietLog, request: { fetch: github.fetch } });
  const statuses: number[] = [];
  paceClient(
    octokit,
    new Pacer({ timeScale: 0.001 }),
    { response: (_method, status) => statuses.push(status) },
    cache.for(installation),
  );
  return { octokit, statuses };
}

const repo = { owner: 'acme', repo: 'shop' };
const ISSUE = '/repos/acme/shop/issues/1';

describe('conditional reads', () => {
  it('revalidates an unchanged read with its ETag and hands back the kept answer as a 200', async () => {
    const github = fakeGitHub();
    github.put(ISSUE, { number: 1, title: 'Kept' });
    const { octokit, statuses } = client(github, new ConditionalCache());
    const first = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    const second = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(github.sent.map((request) => [request.ifNoneMatch, request.status])).toEqual([
      [null, 200],
      ['"v1"', 304],
    ]);
    expect(second.status).toBe(200);
    expect(second.data).toEqual(first.data);
    // the 304's own headers win: the rate limit it reports is the current one
    expect(second.headers['x-ratelimit-remaining']).toBe('4999');
    expect(statuses).toEqual([200, 304]);
  });

  it('reads a resource that changed between two reads afresh, and keeps its new tag', async () => {
    const github = fakeGitHub();
    github.put(ISSUE, { number: 1, title: 'Before' });
    const { octokit } = client(github, new ConditionalCache());
    await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    github.put(ISSUE, { number: 1, title: 'After' });
    const changed = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    const again = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(changed.data.title).toBe('After');
    expect(again.data.title).toBe('After');
    expect(github.sent.map((request) => [request.ifNoneMatch, request.status])).toEqual([
      [null, 200],
      ['"v1"', 200],
      ['"v2"', 304],
    ]);
  });

  it('hands out a copy: a caller changing its answer does not change the next one', async () => {
    const github = fakeGitHub();
    github.put(ISSUE, { number: 1, title: 'Original', labels: ['spec'] });
    const { octokit } = client(github, new ConditionalCache());
    const first = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    first.data.title = 'Changed by a caller';
    first.data.labels.push('extra');
    const second = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    second.data.title = 'Changed again';
    const third = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(third.data).toEqual({ number: 1, title: 'Original', labels: ['spec'] });
    expect(github.sent.at(-1)?.status).toBe(304);
  });

  it('never makes a write conditional', async () => {
    const github = fakeGitHub();
    github.put(ISSUE, { number: 1 });
    const { octokit } = client(github, new ConditionalCache());
    await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    await octokit.rest.issues.update({ ...repo, issue_number: 1, title: 'x' });
    await octokit.rest.issues.update({ ...repo, issue_number: 1, title: 'x' });
    expect(github.sent.filter((request) => request.method === 'PATCH').map((r) => r.ifNoneMatch)).toEqual([
      null,
      null,
    ]);
  });

  it('keeps each installation and each media type apart', async () => {
    const github = fakeGitHub();
    github.put('/repos/acme/shop/contents/README.md', { type: 'file', content: '' });
    github.put('application/vnd.github.v3.raw /repos/acme/shop/contents/README.md', 'hello\n');
    const cache = new ConditionalCache();
    const one = client(github, cache, '1').octokit;
    const two = client(github, cache, '2').octokit;
    const read = (octokit: Octokit, raw = false) =>
      octokit.rest.repos.getContent({
        ...repo,
        path: 'README.md',
        ...(raw ? { mediaType: { format: 'raw' } } : {}),
      });
    await read(one);
    await read(two);
    const raw = await read(one, true);
    expect(raw.data).toBe('hello\n');
    expect((await read(one, true)).data).toBe('hello\n');
    expect(github.sent.map((request) => request.status)).toEqual([200, 200, 200, 304]);
  });

  it('revalidates each page of a paginated list', async () => {
    const github = fakeGitHub();
    const page = (n: number) => `/repos/acme/shop/issues?per_page=2&page=${n}`;
    // the first page links to the second, as GitHub's Link header does
    github.put(
      '/repos/acme/shop/issues?per_page=2',
      [{ number: 4 }, { number: 3 }],
      `<https://api.github.com${page(2)}>; rel="next"`,
    );
    github.put(page(2), [{ number: 2 }, { number: 1 }]);
    const { octokit } = client(github, new ConditionalCache());
    const list = () => octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, per_page: 2 });
    const first = await list();
    const second = await list();
    expect(second).toEqual(first);
    expect(first.map((issue) => issue.number)).toEqual([4, 3, 2, 1]);
    expect(github.sent.map((request) => request.status)).toEqual([200, 200, 304, 304]);
  });

  it('forgets the least recently used answers beyond its bound', async () => {
    const github = fakeGitHub();
    for (const n of [1, 2, 3]) github.put(`/repos/acme/shop/issues/${n}`, { number: n });
    const cache = new ConditionalCache({ maxEntries: 2 });
    const { octokit } = client(github, cache);
    for (const n of [1, 2, 3, 1]) await octokit.rest.issues.get({ ...repo, issue_number: n });
    expect(github.sent.map((request) => request.ifNoneMatch)).toEqual([null, null, null, null]);
    expect(cache.size.entries).toBe(2);
    await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(github.sent.at(-1)?.status).toBe(304);
  });

  it('does not keep an answer larger than its size bound', async () => {
    const github = fakeGitHub();
    github.put(ISSUE, { number: 1, body: 'x'.repeat(200) });
    github.put('/repos/acme/shop/issues/2', { number: 2 });
    const cache = new ConditionalCache({ maxChars: 100 });
    const { octokit } = client(github, cache);
    for (const n of [1, 1, 2, 2]) await octokit.rest.issues.get({ ...repo, issue_number: n });
    expect(github.sent.map((request) => request.status)).toEqual([200, 200, 200, 304]);
    expect(cache.size).toEqual({ entries: 1, chars: JSON.stringify({ number: 2 }).length });
  });

  it('revalidates again when a read is retried after a rate-limit refusal', async () => {
    const github = fakeGitHub();
    github.put(ISSUE, { number: 1, title: 'Kept' });
    const { octokit, statuses } = client(github, new ConditionalCache());
    await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    github.refuseOnce();
    const retried = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(retried.data.title).toBe('Kept');
    expect(github.sent.map((request) => [request.ifNoneMatch, request.status])).toEqual([
      [null, 200],
      ['"v1"', 403],
      ['"v1"', 304],
    ]);
    expect(statuses).toEqual([200, 403, 304]);
  });

  it("leaves a caller's own If-None-Match alone: its 304 reaches the caller", async () => {
    const github = fakeGitHub();
    github.put(ISSUE, { number: 1 });
    const { octokit } = client(github, new ConditionalCache());
    const error = await octokit.rest.issues
      .get({ ...repo, issue_number: 1, headers: { 'if-none-match': '"v1"' } })
      .catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(304);
  });
});
