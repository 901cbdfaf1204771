import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { Webhooks } from '@octokit/webhooks';
import { type GitHubSim, startGitHubSim, webhooks } from './index.js';
import { quietLog } from './quiet-log.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let sim: GitHubSim;
let receiver: Server;
let target: { url: string; secret: string };
const received: Received[] = [];

beforeAll(async () => {
  sim = await startGitHubSim();
  sim.createRepo('acme/specs', { files: { 'specs/001-x/tasks.md': '- [ ] T001\n', 'old.md': 'old\n' } });
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  target = {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/github/webhooks`,
    secret: 's3cret',
  };
});
afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('webhooks', () => {
  it('push commits to a new branch and delivers a signed push event with the file lists', async () => {
    const before = sim.repo('acme/specs').sha('main');
    const result = await sim.push({
      repo: 'acme/specs',
      branch: 'feature',
      files: { 'specs/001-x/tasks.md': '- [x] T001\n', 'old.md': null, 'new.md': 'n\n' },
      message: 'tick T001',
      deliverTo: target,
    });
    expect(result.status).toBe(202);
    expect(sim.repo('acme/specs').file('feature', 'new.md')).toBe('n\n');
    expect(sim.repo('acme/specs').file('feature', 'old.md')).toBeUndefined();
    expect(sim.repo('acme/specs').sha('main')).toBe(before);
    const delivery = received.at(-1)!;
    expect(delivery.headers['x-github-event']).toBe('push');
    expect(delivery.headers['x-github-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    const signature = String(delivery.headers['x-hub-signature-256']);
    expect(await new Webhooks({ secret: 's3cret' }).verify(delivery.body, signature)).toBe(true);
    expect(await new Webhooks({ secret: 'wrong' }).verify(delivery.body, signature)).toBe(false);
    const payload = JSON.parse(delivery.body);
    expect(payload.ref).toBe('refs/heads/feature');
    expect(payload.before).toBe('0000000000000000000000000000000000000000');
    expect(payload.created).toBe(true);
    expect(payload.after).toBe(result.sha);
    expect(payload.head_commit.id).toBe(result.sha);
    expect(payload.commits[0].added).toEqual(['new.md']);
    expect(payload.commits[0].removed).toEqual(['old.md']);
    expect(payload.commits[0].modified).toEqual(['specs/001-x/tasks.md']);
    expect(payload.repository.full_name).toBe('acme/specs');
    expect(payload.installation.id).toBe(sim.installationId('acme/specs'));
  });

  it('a second push to the branch reports the previous tip as before', async () => {
    const previous = sim.repo('acme/specs').sha('feature');
    await sim.push({ repo: 'acme/specs', branch: 'feature', files: { 'new.md': 'n2\n' }, deliverTo: target });
    const payload = JSON.parse(received.at(-1)!.body);
    expect([payload.before, payload.created, payload.commits[0].modified]).toEqual([
      previous,
      false,
      ['new.md'],
    ]);
  });

  it('merging a pull request delivers pull_request.closed with merged true', async () => {
    const pr = sim.createPullRequest('acme/specs', { title: 'Feature', head: 'feature', base: 'main' });
    const { sha, status } = await sim.mergePullRequest('acme/specs', pr.number, target);
    expect(status).toBe(202);
    const payload = JSON.parse(received.at(-1)!.body);
    expect(received.at(-1)!.headers['x-github-event']).toBe('pull_request');
    expect([payload.action, payload.pull_request.merged, payload.pull_request.merge_commit_sha]).toEqual([
      'closed',
      true,
      sha,
    ]);
    expect(payload.pull_request.head.ref).toBe('feature');
  });

  it('builds issues, check_run, check_suite and installation payloads from the real examples', () => {
    const state = sim.state.repo('acme/specs')!;
    const issue = sim.createIssue('acme/specs', { title: 'T001' });
    Object.assign(issue, { state: 'closed', stateReason: 'not_planned' });
    const closed = webhooks.issuesPayload(sim.state, state, issue, 'closed');
    expect([closed.action, (closed.issue as { state_reason: string }).state_reason]).toEqual([
      'closed',
      'not_planned',
    ]);
    state.checkRuns.push({
      id: 77,
      name: 'gate',
      headSha: state.branches.get('main')!,
      status: 'completed',
      conclusion: 'failure',
      startedAt: null,
      completedAt: null,
      detailsUrl: null,
      externalId: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      actions: [],
    });
    const action = webhooks.checkRunPayload(
      sim.state,
      state,
      state.checkRuns[0]!,
      'requested_action',
      'retry',
    );
    expect(action.requested_action).toEqual({ identifier: 'retry' });
    expect((action.check_run as { id: number }).id).toBe(77);
    const suite = webhooks.checkSuitePayload(sim.state, state, 'abc', 'main', 'rerequested');
    expect((suite.check_suite as { head_sha: string }).head_sha).toBe('abc');
    const installation = webhooks.installationPayload(sim.state, [state]);
    expect((installation.installation as { id: number }).id).toBe(state.installationId);
  });
});

describe('app authentication', () => {
  it('issues an installation token for a JWT and the token works', async () => {
    const anonymous = new Octokit({ baseUrl: sim.apiUrl, log: quietLog });
    const refused = await anonymous
      .request('POST /app/installations/{installation_id}/access_tokens', {
        installation_id: sim.installationId('acme/specs'),
      })
      .catch((e) => e);
    expect(refused.status).toBe(401);
    const app = new Octokit({
      baseUrl: sim.apiUrl,
      auth: 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2ln',
      log: quietLog,
    });
    expect((await app.rest.apps.getAuthenticated()).data?.id).toBe(sim.appId);
    const { data } = await app.rest.apps.createInstallationAccessToken({
      installation_id: sim.installationId('acme/specs'),
    });
    const client = new Octokit({ baseUrl: sim.apiUrl, auth: data.token });
    const repo = await client.rest.repos.get({ owner: 'acme', repo: 'specs' });
    expect(repo.data.default_branch).toBe('main');
    const notJwt = await new Octokit({ baseUrl: sim.apiUrl, auth: data.token, log: quietLog }).rest.apps
      .getAuthenticated()
      .catch((e) => e);
    expect(notJwt.status).toBe(401);
  });
});
