import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { StoredCheckRun } from '../github-sim/index.js';
import { type Harness, startHarness } from './harness.js';
import { doublingTemplate } from './hostile-inputs.js';
import { SPEC_DOCS, specKitTasks } from './spec-fixtures.js';

/**
 * Problems in the repository's own files end on a failing check run that says what is wrong and where, and
 * are not retried: a retried job would read the same files again, so each is read once.
 */
const TASKS = 'specs/002-billing/tasks.md';
const CONFIG = '.github/spec-sync.yml';

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

async function pushAndSettle(files: Record<string, string>): Promise<string> {
  const { sha, status } = await harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
  expect(status).toBe(200);
  await harness.idle();
  return sha;
}

function runOf(name: string, sha: string): StoredCheckRun {
  const found = harness.sim
    .repo(harness.repo)
    .checkRuns.filter((run) => run.name === name && run.headSha === sha);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** GET requests for one file's contents, whatever the ref. */
function readsOf(path: string): number {
  return harness.sim.log.filter(
    (entry) =>
      entry.method === 'GET' && decodeURIComponent(entry.path.split('?')[0]!).endsWith(`/contents/${path}`),
  ).length;
}

const issues = () => harness.sim.repo(harness.repo).issues;

describe('spec problems are reported on the check run and never retried', () => {
  it('an invalid config fails the configuration check at its line, and nothing is synced', async () => {
    harness.sim.resetLog();
    const sha = await pushAndSettle({
      [CONFIG]: 'issues:\n  enabled: sometimes\n',
      ...SPEC_DOCS('specs/002-billing'),
      [TASKS]: specKitTasks(3),
    });
    const run = runOf('spec-sync: configuration', sha);
    expect(run.conclusion).toBe('failure');
    expect(run.annotations.map((a) => [a.path, a.start_line])).toEqual([[CONFIG, 2]]);
    expect(run.annotations[0]!.message).toContain('issues.enabled');
    expect(issues()).toEqual([]);
    // Read by the loader, then once more for the lines of the annotations; a retried job would read it again.
    expect(readsOf(CONFIG)).toBe(2);
  });

  it('a config made invalid by another repository through _extends shows its source and count, not its keys', async () => {
    harness.sim.createRepo('acme/private-infra', {
      files: { 'deploy/credentials.yml': 'aws_secret_access_key_x1: hunter2\ndb_password_y2: hunter3\n' },
    });
    const sha = await pushAndSettle({
      [CONFIG]: '_extends: private-infra:deploy/credentials.yml\nissues:\n  enabled: sometimes\n',
      ...SPEC_DOCS('specs/002-billing'),
      [TASKS]: specKitTasks(2),
    });
    const run = runOf('spec-sync: configuration', sha);
    expect(run.conclusion).toBe('failure');
    const shown = JSON.stringify({ output: run.output, annotations: run.annotations });
    for (const secret of ['aws_secret', 'db_password', 'hunter2', 'hunter3'])
      expect(shown).not.toContain(secret);
    // The user's own mistake is shown at its line; the other file's only as a count with its source.
    expect(run.annotations.map((a) => [a.start_line, a.message])).toEqual([
      [3, expect.stringContaining('issues.enabled')],
      [
        1,
        expect.stringContaining(
          '1 problem in the configuration brought in from acme/private-infra:deploy/credentials.yml',
        ),
      ],
    ]);
    expect(issues()).toEqual([]);
  });

  it('a body template that is not there fails the spec check with its name, and opens no issue', async () => {
    harness.sim.resetLog();
    const sha = await pushAndSettle({
      [CONFIG]: 'issues:\n  bodyTemplate: .github/task-issue.md\n',
      ...SPEC_DOCS('specs/002-billing'),
      [TASKS]: specKitTasks(3),
    });
    const run = runOf('spec-sync: 002-billing', sha);
    expect(run.conclusion).toBe('failure');
    expect(`${run.output.title} ${run.output.summary}`).toContain(
      'issues.bodyTemplate names .github/task-issue.md, which is not on main',
    );
    expect(issues()).toEqual([]);
    expect(readsOf(TASKS)).toBe(1);
  });

  const TEMPLATE = '.github/task-issue.md';
  it.each([
    [
      'that calls itself',
      '{{#*inline "a"}}{{> b}}{{/inline}}{{#*inline "b"}}{{> a}}{{/inline}}{{> a}}',
      'the partial "a" calls itself (a → b → a)',
    ],
    ['whose partials double 24 times', doublingTemplate(24), 'partials call partials more than 16 deep'],
    ['whose partials double 12 times', doublingTemplate(12), 'its partials expand more than 1,000 times'],
    ['that does not compile', '{{#each tasks}}\n- {{title}}\n', 'it does not compile'],
    [
      'that names a partial it lacks',
      '{{> footer}}',
      'it uses the partial "footer", which it does not define',
    ],
  ])(
    'a body template %s fails the spec check once at its path; issues stay as they were',
    async (_name, template, reason) => {
      await pushAndSettle({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(2) });
      const before = issues().map((issue) => ({ ...issue }));
      expect(before).toHaveLength(2);
      harness.sim.resetLog();
      const sha = await pushAndSettle({
        [CONFIG]: `issues:\n  bodyTemplate: ${TEMPLATE}\n`,
        [TEMPLATE]: template,
        [TASKS]: specKitTasks(2).replace('Task 1', 'Task one, renamed'),
      });
      const run = runOf('spec-sync: 002-billing', sha);
      expect(run.conclusion).toBe('failure');
      const shown = `${run.output.title} ${run.output.summary}`;
      expect(shown).toContain(`The issue body template ${TEMPLATE} cannot be used: ${reason}`);
      expect(run.annotations.map((annotation) => annotation.path)).toEqual([TEMPLATE]);
      expect(issues().map((issue) => [issue.title, issue.body])).toEqual(
        before.map((issue) => [issue.title, issue.body]),
      );
      // Read once by the sync: a retried job would read it again.
      expect(readsOf(TEMPLATE)).toBe(1);
    },
  );

  it('a tasks.md emptied while issues are open fails the check and leaves the issues open', async () => {
    const first = await pushAndSettle({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(3) });
    // Positive control: the same spec with its tasks passes and has its issues.
    expect(runOf('spec-sync: 002-billing', first).conclusion).toBe('success');
    expect(issues().filter((issue) => issue.state === 'open')).toHaveLength(3);
    harness.sim.resetLog();
    const sha = await pushAndSettle({ [TASKS]: '# Tasks: Billing\n\nNothing here yet.\n' });
    const run = runOf('spec-sync: 002-billing', sha);
    expect(run.conclusion).toBe('failure');
    expect(`${run.output.title} ${run.output.summary}`).toContain(
      'it has no tasks, but 3 task issues are open',
    );
    expect(issues().filter((issue) => issue.state === 'open')).toHaveLength(3);
    expect(readsOf(TASKS)).toBe(1);
  });

  it('an unreadable tasks.md fails the check at its line and writes nothing', async () => {
    const first = await pushAndSettle({ ...SPEC_DOCS('specs/002-billing'), [TASKS]: specKitTasks(2) });
    expect(runOf('spec-sync: 002-billing', first).conclusion).toBe('success');
    harness.sim.resetLog();
    const sha = await pushAndSettle({ [TASKS]: `# Tasks\n\n- [ ] T001 Task 1\u0000\n` });
    const run = runOf('spec-sync: 002-billing', sha);
    expect(run.conclusion).toBe('failure');
    expect(`${run.output.title} ${run.output.summary}`).toContain('not UTF-8 text');
    expect(run.annotations.map((a) => a.path)).toEqual([TASKS]);
    expect(issues().filter((issue) => issue.state === 'open')).toHaveLength(2);
    expect(harness.sim.log.filter((entry) => entry.route?.includes('/issues/')).map((e) => e.method)).toEqual(
      [],
    );
    expect(readsOf(TASKS)).toBe(1);
  });
});
