import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { readIssueMarker } from '../../src/core/render/issue/issue-marker.js';
import { type Harness, startHarness } from './harness.js';

/** Real Kiro and emoji-status files from ../shared/corpus, synced end to end; facts from expectations.json. */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = join(root, '..', 'shared', 'corpus');
const expectations: Array<{ file: string; count: number; spots: Array<{ id: string; status: string }> }> =
  JSON.parse(readFileSync(join(root, 'test', 'corpus', 'expectations.json'), 'utf8'));

const CASES = [
  { file: '12', path: 'specs/012-web/tasks.md', docs: ['specs/012-web/spec.md', 'specs/012-web/plan.md'] },
  { file: '20', path: '.kiro/specs/user-authentication/tasks.md', docs: [] },
  { file: '37', path: '.kiro/specs/iam-role/tasks.md', docs: [] },
  // Tasks written as headings, with ✅ for done.
  {
    file: '22',
    path: 'specs/022-profile/tasks.md',
    docs: ['specs/022-profile/spec.md', 'specs/022-profile/plan.md'],
  },
];

const haveCorpus = existsSync(corpus);
if (!haveCorpus) console.log(`corpus not found at ${corpus}: skipping the corpus sync scenarios`);

let harness: Harness;
afterEach(async () => {
  if (!harness) return;
  expect(harness.sim.violations).toEqual([]);
  await harness.close();
});

describe.each(CASES)('syncing corpus file $file', ({ file, path, docs }) => {
  (haveCorpus ? it : it.skip)('opens one issue per task, each in the state its box says', async () => {
    const name = corpusFile(file);
    const expected = expectations.find((entry) => entry.file === file)!;
    harness = await startHarness();
    const files = Object.fromEntries([
      [path, readFileSync(join(corpus, name), 'utf8')],
      ...docs.map((doc) => [doc, '# doc\n']),
    ]);
    const { status } = await harness.sim.push({ repo: harness.repo, files, deliverTo: harness.app });
    expect(status).toBe(200);
    await harness.idle();
    const issues = harness.sim.repo(harness.repo).issues;
    expect(issues).toHaveLength(expected.count);
    for (const spot of expected.spots) {
      const issue = issues.find((candidate) => {
        const marker = readIssueMarker(candidate.body);
        return marker?.kind === 'task' && marker.id === spot.id;
      });
      expect(issue?.state).toBe(spot.status === 'done' || spot.status === 'skipped' ? 'closed' : 'open');
    }
  });
});

function corpusFile(prefix: string): string {
  const name = readdirSync(corpus).find((entry) => entry.startsWith(`${prefix}__`));
  if (!name) throw new Error(`corpus file ${prefix} missing`);
  return name;
}
