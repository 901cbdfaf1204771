import { afterEach, describe, expect, it } from '@jest/globals';
import type { LogEntry } from '../github-sim/index.js';
import { type Harness, startHarness } from './harness.js';
import { SPEC_DOCS, specKitTasks } from './spec-fixtures.js';

const DIR = 'specs/002-billing';
const TASKS = `${DIR}/tasks.md`;
/** More tasks than one page of 100 holds: the issue listing is two pages, each revalidated on its own. */
const TASK_COUNT = 120;
const LISTING = '/repos/{owner}/{repo}/issues';
let harness: Harness;

afterEach(async () => {
  expect(harness.sim.violations).toEqual([]);
  await harness.close();
});

async function push(files: Record<string, string | null>) {
  await harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
  await harness.idle();
}

/** Runs one push with a fresh request log: its requests and the primary rate-limit points they spent. */
async function measure(files: Record<string, string | null>): Promise<{ log: LogEntry[]; spent: number }> {
  harness.sim.resetLog();
  const usedBefore = harness.sim.rateLimitUsed();
  await push(files);
  return { log: [...harness.sim.log], spent: harness.sim.rateLimitUsed() - usedBefore };
}

/** The first push of a 120-task spec, then a push that edits the plan and changes no task. */
async function unchangedTasksPush(conditionalRequests: boolean) {
  harness = await startHarness({ conditionalRequests });
  await push({ ...SPEC_DOCS(DIR), [TASKS]: specKitTasks(TASK_COUNT) });
  const firstPush304s = harness.sim.counters().notModified;
  // each run edits the plan its own way: the process keeps documents by blob, across harnesses
  const second = await measure({ [`${DIR}/plan.md`]: `# Plan, edited (${conditionalRequests})\n` });
  const openIssues = harness.sim.repo(harness.repo).issues.filter((issue) => issue.state === 'open').length;
  return { ...second, openIssues, firstPush304s };
}

/** What the app's `/metrics` says of its GET requests answered 304. */
async function metered304s(): Promise<number> {
  const text = await (await fetch(new URL('/metrics', harness.app.url))).text();
  return Number(/spec_sync_github_requests_total\{method="GET",status="304"\} (\d+)/.exec(text)?.[1] ?? 0);
}

const listing = (log: LogEntry[]) => log.filter((entry) => entry.method === 'GET' && entry.route === LISTING);
const routes = (log: LogEntry[]) => log.map((entry) => `${entry.method} ${entry.route}`);

describe('conditional requests', () => {
  it('reads an unchanged issue listing with If-None-Match: answered 304, no rate-limit point spent', async () => {
    const plain = await unchangedTasksPush(false);
    await harness.close();
    const conditional = await unchangedTasksPush(true);

    // the same requests either way: a 304 is still a request
    expect(routes(conditional.log)).toEqual(routes(plain.log));
    expect(listing(plain.log).length).toBeGreaterThanOrEqual(2);
    expect(plain.log.filter((entry) => entry.conditional || entry.status === 304)).toEqual([]);
    expect(plain.spent).toBe(plain.log.length);

    for (const page of listing(conditional.log))
      expect(page).toMatchObject({ conditional: true, status: 304 });
    const notModified = conditional.log.filter((entry) => entry.status === 304).length;
    expect(notModified).toBeGreaterThanOrEqual(listing(conditional.log).length);
    expect(conditional.spent).toBe(conditional.log.length - notModified);
    expect(conditional.spent).toBeLessThan(plain.spent);
    // read from the kept answers, the listing still shows every issue: nothing was opened again
    expect(conditional.log.filter((entry) => entry.method === 'POST' && entry.route === LISTING)).toEqual([]);
    expect(conditional.openIssues).toBe(plain.openIssues);
    expect(conditional.openIssues).toBe(TASK_COUNT);
    // the app counts its 304s in the requests metric
    expect(await metered304s()).toBe(conditional.firstPush304s + notModified);
  });

  it('reads a listing that a write changed afresh: the closed issue is not served stale', async () => {
    harness = await startHarness();
    await push({ ...SPEC_DOCS(DIR), [TASKS]: specKitTasks(TASK_COUNT) });
    await push({ [TASKS]: specKitTasks(TASK_COUNT, (n) => (n === 1 ? 'X' : ' ')) });
    const t001 = harness.sim.repo(harness.repo).issues.find((issue) => issue.title.startsWith('T001 '));
    expect(t001?.state).toBe('closed');

    const after = await measure({ [`${DIR}/plan.md`]: '# Plan, edited\n' });
    const pages = listing(after.log);
    expect(pages.every((page) => page.conditional)).toBe(true);
    // the page holding the closed issue changed and came back whole; an unchanged page was a 304
    expect(pages.map((page) => page.status)).toEqual(expect.arrayContaining([200, 304]));
    // a stale listing would show T001 open while its box is ticked, and the sync would close it again
    expect(after.log.filter((entry) => entry.method !== 'GET' && entry.route?.includes('/issues'))).toEqual(
      [],
    );
  });
});
