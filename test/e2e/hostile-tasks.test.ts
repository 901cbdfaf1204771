import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { commitFiles } from '../github-sim/index.js';
import { type Harness, startHarness } from './harness.js';

const DOCS = (dir: string) => ({ [`${dir}/spec.md`]: '# Spec\n', [`${dir}/plan.md`]: '# Plan\n' });

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
  });
});
