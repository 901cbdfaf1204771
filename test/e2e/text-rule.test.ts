import { afterEach, describe, expect, it } from '@jest/globals';
import { commitFiles } from '../github-sim/index.js';
import * as webhooks from '../github-sim/webhooks.js';
import { type Harness, startHarness } from './harness.js';
import { SPEC_DOCS } from './spec-fixtures.js';

/**
 * The text rule (docs/security.md) on every text spec-sync writes: issue titles and bodies, the pull
 * request comment, and the check run's title, summary, details and annotations. Task text and PR text full
 * of mentions, references, HTML and script links go in; nothing live comes out.
 */
const TASKS = 'specs/001-a/tasks.md';
const HOSTILE =
  'Ask @alice and @acme/team about #1 and acme/other#2 <b>now</b> [x](javascript:alert(1)) GH-3';
const tasksMd = [
  '# Tasks',
  '',
  '## Phase 1: Setup',
  '',
  `- [ ] T001 ${HOSTILE}`,
  '',
  '## Phase 2: Build',
  '',
  // Done with a checklist item open: the phase-order gate quotes the item in the details and annotation.
  '- [x] T002 Done early, thanks @carol (#4)',
  '  - [ ] Ask @erin about #5 <b>later</b>',
  '',
].join('\n');

// Live: `@login` or `@org/team`, `#123`, `GH-123` not followed by the invisible joiner; raw HTML; a
// `javascript:` link destination.
const LIVE: Array<[string, RegExp]> = [
  ['mention', /(?<![\w@/.])@(?!\u2060)[A-Za-z0-9]/],
  ['issue reference', /(?<![&\w/])#(?!\u2060)\d|\bGH-(?!\u2060)\d/],
  ['raw HTML', /<b>/],
  ['script link', /\]\(javascript:/],
];

/** Titles and annotations are plain text (GitHub renders neither HTML nor links there): mentions and references only. */
function liveParts(text: string | null | undefined, plain = false): string[] {
  return LIVE.slice(0, plain ? 2 : LIVE.length)
    .filter(([, pattern]) => pattern.test(text ?? ''))
    .map(([name]) => name);
}

const isPlain = (name: string) => name.endsWith(' title') || name.endsWith(' annotation');

let harness: Harness;
afterEach(async () => {
  await harness.close();
});

async function writtenTexts(config?: string): Promise<Array<[string, string | null]>> {
  harness = await startHarness();
  const { status } = await harness.sim.push({
    repo: harness.repo,
    files: {
      ...SPEC_DOCS('specs/001-a'),
      [TASKS]: tasksMd,
      ...(config ? { '.github/spec-sync.yml': config } : {}),
    },
    deliverTo: harness.app,
  });
  expect(status).toBe(200);
  await harness.idle();
  commitFiles(harness.sim, harness.repo, 'work', { 'src/a.ts': 'export {};\n' }, 'Work for @dave, see #1');
  const pull = harness.sim.createPullRequest(harness.repo, {
    title: 'Work',
    head: 'work',
    body: `Closes T001. Mentions T002. ${HOSTILE}`,
  });
  const state = harness.sim.repo(harness.repo).state;
  const payload = webhooks.pullRequestPayload(harness.sim.state, state, state.issue(pull.number)!, 'opened');
  expect(await webhooks.deliver(harness.app.url, harness.app.secret, 'pull_request', payload)).toBe(200);
  await harness.idle();
  const repo = harness.sim.repo(harness.repo);
  const texts: Array<[string, string | null]> = [];
  for (const issue of repo.issues) {
    texts.push([`issue #${issue.number} title`, issue.title], [`issue #${issue.number} body`, issue.body]);
  }
  for (const comment of repo.issue(pull.number)!.comments) texts.push(['pull request comment', comment.body]);
  for (const run of repo.checkRuns) {
    texts.push(
      [`${run.name} title`, run.output.title],
      [`${run.name} summary`, run.output.summary],
      [`${run.name} text`, run.output.text],
      ...run.annotations.map((a): [string, string] => [
        `${run.name} annotation`,
        `${a.title ?? ''} ${a.message}`,
      ]),
    );
  }
  return texts;
}

describe('the text rule', () => {
  it('leaves no live mention, reference, HTML or script link in anything spec-sync writes', async () => {
    const texts = await writtenTexts();
    // Positive control: the hostile text did reach each kind of text (made inert), so the rule had work.
    for (const kind of ['issue #1 title', 'issue #1 body', 'pull request comment']) {
      expect(texts.find(([name]) => name === kind)?.[1]).toContain('@\u2060alice');
    }
    for (const kind of ['spec-sync: 001-a text', 'spec-sync: 001-a annotation']) {
      expect(texts.find(([name]) => name === kind)?.[1]).toContain('@\u2060erin');
    }
    expect(
      texts
        .map(([name, text]): [string, string[]] => [name, liveParts(text, isPlain(name))])
        .filter(([, live]) => live.length > 0),
    ).toEqual([]);
    const body = texts.find(([name]) => name === 'issue #1 body')![1]!;
    expect(body).toContain('&lt;b>now&lt;/b>');
    expect(body).toContain('[x]\\(javascript:alert(1))');
  });

  it('keeps mentions live where allowMentions is on, and references inert still', async () => {
    const texts = await writtenTexts('allowMentions: true\n');
    const body = texts.find(([name]) => name === 'issue #1 body')![1]!;
    expect(body).toContain('Ask @alice and @acme/team');
    expect(liveParts(body)).toEqual(['mention']);
    const comment = texts.find(([name]) => name === 'pull request comment')![1]!;
    expect(comment).toContain('@alice');
    // Check runs notify no one: they keep the rule whatever the setting.
    expect(texts.find(([name]) => name === 'spec-sync: 001-a text')?.[1]).toContain('@\u2060erin');
  });

  it('holds for the spec parent and the phase issues of the structure too', async () => {
    const texts = await writtenTexts(
      'issues:\n  granularity: phase\nstructure:\n  subIssues: true\n  blockedBy: true\n',
    );
    const issueTexts = texts.filter(([name]) => name.startsWith('issue #'));
    // Positive control: a phase issue's checklist quotes the hostile task, made inert.
    expect(issueTexts.some(([name, text]) => name.endsWith('body') && text?.includes('@\u2060alice'))).toBe(
      true,
    );
    expect(
      issueTexts
        // GitHub links nothing inside fenced code: the parent's Mermaid block has colours such as `#1a7f37`.
        .map(([name, text]): [string, string[]] => [name, liveParts(withoutFences(text), isPlain(name))])
        .filter(([, live]) => live.length > 0),
    ).toEqual([]);
  });
});

function withoutFences(text: string | null): string {
  return (text ?? '').replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}
