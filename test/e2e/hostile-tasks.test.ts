import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { commitFiles } from '../github-sim/index.js';
import { type Harness, startHarness } from './harness.js';
import { deliverEditedPull, doublingTemplate, rangesBody } from './hostile-inputs.js';
import { SPEC_DOCS as DOCS } from './spec-fixtures.js';

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

async function pushAndSettle(files: Record<string, string>): Promise<void> {
  const { status } = await harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
  expect(status).toBe(200);
  await harness.idle();
}

function runOf(name: string) {
  return harness.sim
    .repo(harness.repo)
    .checkRuns.filter((run) => run.name === name)
    .at(-1);
}

describe('a tasks.md built to freeze the parser', () => {
  it.each([
    [
      '50,000 nested list markers',
      `${'- '.repeat(50_000)}[ ] T001\n`,
      'is too deeply nested to read: 50,000 levels',
    ],
    ['50,000 block quotes', `${'>'.repeat(50_000)}\n`, 'is too deeply nested to read: 50,000 levels'],
    ['200,000 brackets', '['.repeat(200_000), 'has too many brackets or emphasis marks'],
  ])('%s fails its own check run, while a normal spec beside it syncs', async (_name, hostile, message) => {
    await pushAndSettle({
      'specs/001-bad/tasks.md': hostile,
      ...DOCS('specs/001-bad'),
      'specs/002-good/tasks.md': '- [ ] T001 A normal task\n',
      ...DOCS('specs/002-good'),
    });
    const bad = runOf('spec-sync: 001-bad');
    expect(bad?.conclusion).toBe('failure');
    expect(JSON.stringify(bad?.output)).toContain(message);
    expect(runOf('spec-sync: 002-good')?.conclusion).toBe('success');
    const titles = harness.sim.repo(harness.repo).issues.map((issue) => issue.title);
    expect(titles).toEqual(['T001 A normal task']);
    expect(harness.sim.violations).toEqual([]);
  });

  it('never closes the issues of a spec whose tasks.md turns hostile', async () => {
    await pushAndSettle({
      'specs/001-a/tasks.md': '- [ ] T001 One\n- [ ] T002 Two\n',
      ...DOCS('specs/001-a'),
    });
    expect(harness.sim.repo(harness.repo).issues.filter((issue) => issue.state === 'open')).toHaveLength(2);
    await pushAndSettle({ 'specs/001-a/tasks.md': `${'- '.repeat(50_000)}[ ] T001\n` });
    expect(harness.sim.repo(harness.repo).issues.filter((issue) => issue.state === 'open')).toHaveLength(2);
    expect(runOf('spec-sync: 001-a')?.conclusion).toBe('failure');
  });
});

describe('a pull request description of 5,000 ranges', () => {
  it('closes the tasks named within the budget and nothing past it', async () => {
    const tasks = ['- [ ] T001 One', '- [ ] T002 Two', '- [ ] T203 Past the budget'].join('\n');
    await pushAndSettle({ 'specs/001-a/tasks.md': `${tasks}\n`, ...DOCS('specs/001-a') });
    // T001-T002 and T501-T700 take 202 of the 300 IDs; T203-T402 would pass 300: it and every range after
    // are ignored, so T203 stays open although a range names it.
    const ranges = Array.from({ length: 5_000 }, (_, n) => `T${1001 + n * 200}-T${1200 + n * 200}`);
    const body = `Closes ${['T001-T002', 'T501-T700', 'T203-T402', ...ranges].join(', ')}`;
    commitFiles(harness.sim, harness.repo, 'work', { 'src/a.ts': 'export {};\n' }, 'Work');
    const pull = harness.sim.createPullRequest(harness.repo, { title: 'Work', head: 'work', body });
    await harness.sim.mergePullRequest(harness.repo, pull.number, harness.app);
    await harness.idle();
    const state = (title: string) =>
      harness.sim.repo(harness.repo).issues.find((issue) => issue.title.startsWith(title))?.state;
    expect([state('T001'), state('T002'), state('T203')]).toEqual(['closed', 'closed', 'open']);
    const comment = harness.sim
      .repo(harness.repo)
      .issue(pull.number)!
      .comments.find((one) => one.user === 'spec-sync[bot]');
    // The comment says what was not read: ranges past the 300 IDs (the first being T203-T402) and the
    // part of the description past the 65,536 characters read of it.
    expect(comment?.body).toMatch(/[\d,]+ references \([\d,]+ task IDs\) past the limit of 300/);
    expect(comment?.body).toContain('ignored, starting with `T203-T402`');
    const unread = (body.length - 65_536).toLocaleString('en-US');
    expect(comment?.body).toContain(`${unread} characters past the 65,536 read of each text`);
  });
});

describe('while a hostile input is being read', () => {
  const SLOW_TASKS = `${'- '.repeat(16)}[ ] T001 x\n`.repeat(20_000);
  const OTHER = 'acme/other';

  async function timedPushToOther(): Promise<{ ms: number; status: number | undefined }> {
    const started = performance.now();
    const { status } = await harness.sim.push({
      repo: OTHER,
      files: { 'specs/001-a/tasks.md': '- [ ] T001 A normal task\n', ...DOCS('specs/001-a') },
      deliverTo: harness.app,
    });
    return { ms: performance.now() - started, status };
  }

  it.each([
    // Within every pre-parse limit, yet slow for the Markdown parser: only the time budget stops it.
    ['a tasks.md of 20,000 lines of 16-deep lists', SLOW_TASKS, 'took longer than'],
    ['a tasks.md of 50,000 nested list markers', `${'- '.repeat(50_000)}[ ] T001\n`, 'too deeply nested'],
  ])('%s: another repository is answered at once and synced', async (_name, hostile, message) => {
    harness.sim.createRepo(OTHER, { files: { 'README.md': '# other\n' } });
    const bad = await harness.sim.push({
      repo: harness.repo,
      files: { 'specs/001-bad/tasks.md': hostile, ...DOCS('specs/001-bad') },
      deliverTo: harness.app,
    });
    expect(bad.status).toBe(200);
    const other = await timedPushToOther();
    expect(other.status).toBe(200);
    expect(other.ms).toBeLessThan(1_000);
    await harness.idle();
    expect(harness.sim.repo(OTHER).issues.map((issue) => issue.title)).toEqual(['T001 A normal task']);
    const failing = runOf('spec-sync: 001-bad');
    expect(failing?.conclusion).toBe('failure');
    expect(JSON.stringify(failing?.output)).toContain(message);
    expect(harness.sim.repo(harness.repo).issues).toEqual([]);
  });
});

describe('while a hostile pull request or template is being processed', () => {
  const OTHER = 'acme/other';

  async function answeredAndSynced(): Promise<void> {
    const started = performance.now();
    const { status } = await harness.sim.push({
      repo: OTHER,
      files: { 'specs/001-a/tasks.md': '- [ ] T001 A normal task\n', ...DOCS('specs/001-a') },
      deliverTo: harness.app,
    });
    expect(status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1_000);
    await harness.idle();
    expect(harness.sim.repo(OTHER).issues.map((issue) => issue.title)).toEqual(['T001 A normal task']);
  }

  it('a description of 5,000 ranges on an edited pull request', async () => {
    harness.sim.createRepo(OTHER, { files: { 'README.md': '# other\n' } });
    await pushAndSettle({ 'specs/001-a/tasks.md': '- [ ] T001 One\n', ...DOCS('specs/001-a') });
    const pull = await deliverEditedPull(harness, rangesBody(5_000));
    expect(pull.status).toBe(200);
    await answeredAndSynced();
    const comment = harness.sim
      .repo(harness.repo)
      .issue(pull.number)!
      .comments.find((one) => one.user === 'spec-sync[bot]');
    expect(comment?.body).toContain('past the limit of 300 task IDs per pull request were ignored');
  });

  it('a body template whose partials double 24 times', async () => {
    harness.sim.createRepo(OTHER, { files: { 'README.md': '# other\n' } });
    const template = doublingTemplate(24);
    const { status } = await harness.sim.push({
      repo: harness.repo,
      files: {
        '.github/spec-sync.yml': 'issues:\n  bodyTemplate: .github/body.md\n',
        '.github/body.md': template,
        'specs/001-a/tasks.md': '- [ ] T001 One\n',
        ...DOCS('specs/001-a'),
      },
      deliverTo: harness.app,
    });
    expect(status).toBe(200);
    await answeredAndSynced();
    expect(runOf('spec-sync: 001-a')?.conclusion).toBe('failure');
    expect(harness.sim.repo(harness.repo).issues).toEqual([]);
  });
});

describe('spec directories with characters GitHub treats specially', () => {
  it('a directory with a comma syncs twice with no duplicate, apart from its look-alike', async () => {
    const files = {
      'specs/a,b/tasks.md': '- [ ] T001 In a,b\n- [ ] T002 Also in a,b\n',
      ...DOCS('specs/a,b'),
      'specs/a-b/tasks.md': '- [ ] T001 In a-b\n',
      ...DOCS('specs/a-b'),
    };
    await pushAndSettle(files);
    const titles = () =>
      harness.sim
        .repo(harness.repo)
        .issues.map((issue) => issue.title)
        .sort();
    const expected = ['T001 In a,b', 'T001 In a-b', 'T002 Also in a,b'];
    expect(titles()).toEqual(expected);
    // A second push touching the spec: a listing split at the comma would find nothing and create again.
    await pushAndSettle({ 'specs/a,b/tasks.md': '- [ ] T001 In a,b\n- [ ] T002 Also in a,b, edited\n' });
    expect(titles()).toEqual(['T001 In a,b', 'T001 In a-b', 'T002 Also in a,b, edited']);
    const labels = harness.sim
      .repo(harness.repo)
      .issues.map((issue) => issue.labels.find((l) => l.startsWith('spec:')));
    expect(labels.every((label) => label !== undefined && !label.includes(','))).toBe(true);
    expect(new Set(labels).size).toBe(2);
    // The look-alike keeps its label exactly as before: only names that need a change change.
    expect(labels).toContain('spec:a-b');
    expect(runOf('spec-sync: a,b')?.conclusion).toBe('success');
  });
});
