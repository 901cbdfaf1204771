import { describe, expect, it } from '@jest/globals';
import { defaultConfig } from '../../../src/config/schema.js';
import { type IssueRenderContext, renderTaskIssue } from '../../../src/core/plan/render-task-issue.js';
import { BODY_BEGIN, BODY_END } from '../../../src/core/render/issue/issue-body.js';
import { hashTitle, readIssueMarker } from '../../../src/core/render/issue/issue-marker.js';
import { MAX_ISSUE_TITLE_LENGTH, renderIssueTitle } from '../../../src/core/render/issue/issue-title.js';
import { TemplateError } from '../../../src/core/render/render-template.js';
import { bodyTemplate, makeDoc, makePhase, makeTask } from '../plan/issue-fixtures.js';

const t003 = makeTask({ id: 'T003', title: 'Set up the database', line: 8 });
const t012 = makeTask({
  id: 'T012',
  title: 'Create User model in src/models/user.py',
  line: 20,
  phase: 'phase-3',
  section: 'Implementation for User Story 1',
  story: 'US1',
  parallel: true,
  files: ['src/models/user.py', './docs/data model.md'],
  dependsOn: ['T003', 'T010', 'T099'],
  requirements: ['FR-001', 'FR-004'],
  details: ['Fields: id, email'],
});
const t010 = makeTask({ id: 'T010', title: 'Write the schema', line: 15 });
const doc = makeDoc(
  [t003, t010, t012],
  [makePhase({ id: 'phase-3', number: '3', name: 'User Story 1', line: 12 })],
);

function context(fields: Partial<IssueRenderContext> = {}): IssueRenderContext {
  return {
    specDir: 'specs/002-billing',
    tasksPath: 'specs/002-billing/tasks.md',
    branch: 'feature/002-billing',
    htmlBase: 'https://ghe.example.com/o/r',
    doc,
    config: defaultConfig.issues,
    templates: { body: bodyTemplate },
    issueNumbers: new Map([['T010', 41]]),
    ...fields,
  };
}

const blob = 'https://ghe.example.com/o/r/blob/feature/002-billing';

describe('renderTaskIssue', () => {
  const rendered = renderTaskIssue(t012, context());

  it('titles the issue from the template', () => {
    expect(rendered.title).toBe('T012 Create User model in src/models/user.py');
  });

  it('marks the issue with the spec directory, the task ID and the title’s hash', () => {
    expect(rendered.marker).toEqual({
      kind: 'task',
      spec: 'specs/002-billing',
      id: 'T012',
      titleHash: hashTitle('T012 Create User model in src/models/user.py'),
    });
    expect(readIssueMarker(rendered.body)).toEqual(rendered.marker);
    expect(rendered.body.startsWith(`${BODY_BEGIN}\n<!-- spec-sync:task `)).toBe(true);
    expect(rendered.body.endsWith(`\n${BODY_END}`)).toBe(true);
  });

  it.each([
    [
      'task line link',
      `[T012](${blob}/specs/002-billing/tasks.md#L20) in \`specs/002-billing/tasks.md\` (line 20)`,
    ],
    ['phase', '- **Phase:** 3: User Story 1'],
    ['section', '- **Section:** Implementation for User Story 1'],
    ['story', '- **User story:** US1'],
    ['parallel', '- **Parallel:** `[P]`'],
    [
      'dependencies: number, line link, bare ID',
      `- **Depends on:** [T003](${blob}/specs/002-billing/tasks.md#L8), #41, T099`,
    ],
    ['requirements', '- **Requirements:** FR-001, FR-004'],
    ['file link', `- [\`src/models/user.py\`](${blob}/src/models/user.py)`],
    ['file with a space, leading ./ dropped', `- [\`./docs/data model.md\`](${blob}/docs/data%20model.md)`],
    ['details', '- Fields: id, email'],
  ])('shows the %s', (_name, text) => {
    expect(rendered.section).toContain(text);
  });

  it('leaves out what a task does not have', () => {
    const bare = renderTaskIssue(t003, context());
    expect(bare.section).not.toMatch(
      /Phase|Section|User story|Parallel|Depends on|Requirements|Files|Details/,
    );
    expect(bare.section.startsWith('Set up the database\n\n- **Task:**')).toBe(true);
  });

  it.each([
    ['the phase heading as written', 'Phase 1: Setup (Shared Infrastructure)', '1', false],
    ['the phase heading with other punctuation', 'Phase 1 — Setup (shared infrastructure)', '1', false],
    ['an unnumbered phase named by its heading', 'Setup (Shared Infrastructure)', null, false],
    ['a sub-heading inside the phase', 'Tests for Setup', '1', true],
    ['another phase number', 'Phase 2: Setup (Shared Infrastructure)', '1', true],
  ])('the Section line when the heading is %s (%s)', (_name, section, number, shown) => {
    const setup = makePhase({ id: 'phase-1', number, name: 'Setup (Shared Infrastructure)', line: 3 });
    const task = makeTask({ id: 'T001', title: 'Create the project', line: 5, phase: 'phase-1', section });
    const body = renderTaskIssue(task, context({ doc: makeDoc([task], [setup]) })).section;
    const phaseLine = number
      ? '- **Phase:** 1: Setup (Shared Infrastructure)'
      : '- **Phase:** Setup (Shared Infrastructure)';
    expect(body).toContain(phaseLine);
    expect(body.includes(`- **Section:** ${section}`)).toBe(shown);
  });

  it('links the parent task like a dependency', () => {
    const child = makeTask({ id: 'T012.1', title: 'Sub', line: 21, parent: 'T012' });
    const withParent = makeDoc([...doc.tasks, child], doc.phases);
    expect(renderTaskIssue(child, context({ doc: withParent })).section).toContain(
      `- **Part of:** [T012](${blob}/specs/002-billing/tasks.md#L20)`,
    );
    const known = new Map([['T012', 9]]);
    expect(renderTaskIssue(child, context({ doc: withParent, issueNumbers: known })).section).toContain(
      '- **Part of:** #9',
    );
  });

  it('gives the labels', () => {
    expect(rendered.labels).toEqual(['spec:002-billing', 'phase:3', 'story:US1', 'parallel']);
  });

  it('cannot let task text close spec-sync’s section early', () => {
    const sneaky = makeTask({ id: 'T5', title: 'x <!-- spec-sync:end --> y <!-- a note -->', line: 3 });
    const out = renderTaskIssue(sneaky, context({ doc: makeDoc([sneaky]) }));
    expect(out.body.match(/<!-- spec-sync:end -->/g)).toHaveLength(1);
    // Task text is text: its HTML, comments included, shows as written (docs/security.md).
    expect(out.section).toContain('x &lt;!-- spec-sync:end --> y &lt;!-- a note -->');
  });

  it('uses a configured title template', () => {
    const config = { ...defaultConfig.issues, title: '[{{spec}}] {{id}}: {{title}}' };
    expect(renderTaskIssue(t003, context({ config })).title).toBe('[002-billing] T003: Set up the database');
  });

  it.each([
    ['title', { config: { ...defaultConfig.issues, title: '{{#if id}}' } }, /issue title template/],
    ['body', { templates: { body: '{{missingHelper id}}' } }, /issue body template/],
  ])('reports a broken %s template as an TemplateError', (_name, fields, message) => {
    expect(() => renderTaskIssue(t003, context(fields))).toThrow(TemplateError);
    expect(() => renderTaskIssue(t003, context(fields))).toThrow(message);
  });
});

describe('renderIssueTitle', () => {
  const task = { id: 'T1', title: 'Do it' };

  it.each([
    ['one line', 'T1  Do\n it ', 'T1 Do it'],
    ['empty render falls back to ID and title', '  ', 'T1 Do it'],
  ])('%s', (_name, rendered, expected) => {
    expect(renderIssueTitle(rendered, task)).toBe(expected);
  });

  it('cuts to 256 characters ending in …', () => {
    const title = renderIssueTitle(`T1 ${'word '.repeat(100)}`, task);
    expect(Array.from(title)).toHaveLength(MAX_ISSUE_TITLE_LENGTH);
    // 255 characters of the line: `T1 `, fifty `word `, then `wo`; the ellipsis is the 256th.
    expect(title).toBe(`T1 ${'word '.repeat(50)}wo…`);
  });

  it('counts an emoji as one character and never splits it', () => {
    const title = renderIssueTitle('🚀'.repeat(300), task);
    expect(Array.from(title)).toHaveLength(MAX_ISSUE_TITLE_LENGTH);
    expect(title).toBe(`${'🚀'.repeat(255)}…`);
  });
});
