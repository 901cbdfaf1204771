import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type Harness, startHarness } from '../e2e/harness.js';
import { commitFiles, webhooks } from '../github-sim/index.js';

/**
 * docs/examples/ shows what the app writes, produced by the real app on the GitHub simulator from the
 * example spec in examples/specs/001-photo-albums. The test fails when the committed pages drift;
 * `SPEC_SYNC_WRITE_EXAMPLES=1 npm test -- test/docs` rewrites them.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const SPEC_DIR = 'examples/specs/001-photo-albums';
const OUT = join(root, 'docs/examples');
const WRITE = process.env.SPEC_SYNC_WRITE_EXAMPLES === '1';

let harness: Harness;
const pages = new Map<string, string>();

/** The simulator's address stands in for github.com; the page shows the addresses GitHub would. */
function publish(text: string): string {
  return text.replaceAll(harness.sim.url, 'https://github.com').replace(/\r\n/g, '\n');
}

beforeAll(async () => {
  harness = await startHarness({ repo: 'acme/photos' });
  const files = Object.fromEntries(
    readdirSync(join(root, SPEC_DIR)).map((name) => [
      `specs/001-photo-albums/${name}`,
      readFileSync(join(root, SPEC_DIR, name), 'utf8'),
    ]),
  );
  await harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
  await harness.idle();
  commitFiles(
    harness.sim,
    harness.repo,
    'album-service',
    { 'src/albums/album-service.ts': 'export {};\n' },
    'Work',
  );
  const pull = harness.sim.createPullRequest(harness.repo, {
    title: 'Create albums',
    head: 'album-service',
    body: 'Implements T004 and T005.',
  });
  const state = harness.sim.repo(harness.repo).state;
  const payload = webhooks.pullRequestPayload(harness.sim.state, state, state.issue(pull.number)!, 'opened');
  await webhooks.deliver(harness.app.url, harness.app.secret, 'pull_request', payload);
  await harness.idle();

  const view = harness.sim.repo(harness.repo);
  const issue = view.issues.find((candidate) => candidate.title.startsWith('T004'))!;
  pages.set('issue.md', `# ${issue.title}\n\n${publish(issue.body ?? '')}\n`);
  const run = view.checkRuns.find((candidate) => candidate.name.includes('001-photo-albums'))!;
  pages.set(
    'check-run.md',
    `# Check run \`${run.name}\`: ${run.conclusion}\n\nTitle: ${run.output.title}\n\n${publish(run.output.summary ?? '')}\n${
      run.output.text ? `\n${publish(run.output.text)}\n` : ''
    }`,
  );
  const comment = view.issue(pull.number)!.comments.find((candidate) => candidate.user === 'spec-sync[bot]')!;
  pages.set('pull-request-comment.md', `${publish(comment.body)}\n`);
});

afterAll(async () => {
  await harness?.close();
});

it.each(['issue.md', 'check-run.md', 'pull-request-comment.md'])(
  'docs/examples/%s is what the app writes (after a change: SPEC_SYNC_WRITE_EXAMPLES=1 npm test -- test/docs)',
  (name) => {
    const page = pages.get(name);
    expect(page).toBeDefined();
    const file = join(OUT, name);
    if (WRITE) writeFileSync(file, page!);
    expect(readFileSync(file, 'utf8')).toBe(page);
  },
);
