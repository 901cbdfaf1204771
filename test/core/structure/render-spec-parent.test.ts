/**
 * @jest-environment ./test/jsdom-environment.js
 */
import { describe, expect, test } from '@jest/globals';
import { parseTasks } from '../../../src/core/parse/parse-tasks.js';
import {
  renderPhaseDiagram,
  renderSpecParentBody,
  renderSpecParentTitle,
  summarizePhases,
} from '../../../src/core/structure/render-spec-parent.js';
import { parseMermaid } from './mermaid-parse.js';

const text = [
  '# Tasks: Billing "v2" <beta>',
  '',
  '## Phase 1: Setup',
  '- [x] T001 Create the project',
  '- [x] T002 Add the linter',
  '',
  '## Phase 2: Foundational (Blocking Prerequisites)',
  '- [x] T003 Schema',
  '- [ ] T004 Migrations',
  '',
  '## Phase 3: User Story 1 - Pay an invoice (Priority: P1)',
  '- [ ] T005 [US1] Invoice model',
  '',
  '## Phase 4: Polish & Cross-Cutting | Concerns',
  '- [ ] T006 Docs',
  '- [ ]* T007 Optional extra',
].join('\n');
const doc = parseTasks(text, { path: 'specs/002-billing/tasks.md' });
const urls = {
  'spec.md': 'https://github.test/acme/app/blob/spec-sync/002-billing/specs/002-billing/spec.md',
  'plan.md': 'https://github.test/acme/app/blob/spec-sync/002-billing/specs/002-billing/plan.md',
  'tasks.md': 'https://github.test/acme/app/blob/spec-sync/002-billing/specs/002-billing/tasks.md',
};

describe('the spec parent issue', () => {
  test('is titled by the spec directory and the name from tasks.md', () => {
    expect(renderSpecParentTitle(doc, '002-billing')).toBe('002-billing: Billing "v2" <beta>');
    const untitled = parseTasks('# Tasks\n\n- [ ] T001 A\n', { path: 'specs/003-user-auth/tasks.md' });
    expect(renderSpecParentTitle(untitled, '003-user-auth')).toBe('003-user-auth: User auth');
  });

  test("a very long spec title is cut to GitHub's 256 characters and ends in …", () => {
    const long = parseTasks(`# Tasks: ${'Billing '.repeat(60)}\n\n- [ ] T001 A\n`, {
      path: 'specs/002-billing/tasks.md',
    });
    const title = renderSpecParentTitle(long, '002-billing');
    expect(Array.from(title)).toHaveLength(256);
    // 13 characters of `002-billing: `, then 30 whole `Billing ` and `Bi` fill 255; `…` is the 256th.
    expect(title).toBe(`002-billing: ${'Billing '.repeat(30)}Bi…`);
  });

  test('phases have done/total without optional tasks, and a state from their tasks and blockers', () => {
    expect(
      summarizePhases(doc).map((entry) => [entry.phase.id, entry.done, entry.total, entry.state]),
    ).toEqual([
      ['phase-1', 2, 2, 'done'],
      ['phase-2', 1, 2, 'in_progress'],
      ['phase-3', 0, 1, 'blocked'],
      ['phase-4', 0, 1, 'blocked'],
    ]);
    const started = parseTasks(
      '## Phase 1: Setup\n- [ ] T001 A\n- [-] T002 B\n## Phase 2: Other\n- [ ] T003 C\n',
      {
        path: 'specs/004-x/tasks.md',
      },
    );
    expect(summarizePhases(started).map((entry) => entry.state)).toEqual(['in_progress', 'not_started']);
  });

  test('the body has the summary, progress, links at the branch, the phase table and a diagram', () => {
    const body = renderSpecParentBody({
      doc,
      specName: '002-billing',
      summary: 'Customers pay invoices by card.',
      branch: 'spec-sync/002-billing',
      documentUrls: urls,
    });
    expect(body.startsWith('Customers pay invoices by card.\n\n**Progress:** 3/6 tasks done')).toBe(true);
    expect(body).toContain(
      `[spec.md](${urls['spec.md']}) · [plan.md](${urls['plan.md']}) · [tasks.md](${urls['tasks.md']})`,
    );
    expect(body).toContain('(branch `spec-sync/002-billing`)');
    expect(body).toContain(
      `| [Phase 2: Foundational (Blocking Prerequisites)](${urls['tasks.md']}#L7) | 1/2 | in progress |`,
    );
    expect(body).toContain('Polish & Cross-Cutting \\| Concerns');
    expect(body).toMatch(/```mermaid\nflowchart TD\n[\s\S]*\n```$/);
  });

  test('links only the documents given, in spec-kit then Kiro order, and the summary pings no one', () => {
    const kiro = {
      'requirements.md': 'https://github.test/r/requirements.md',
      'design.md': 'https://github.test/r/design.md',
      'tasks.md': 'https://github.test/r/tasks.md',
    };
    const body = renderSpecParentBody({
      doc,
      specName: '002-billing',
      summary: 'Asked by @alice in #12.',
      branch: 'main',
      documentUrls: kiro,
    });
    expect(body).toContain(
      `[requirements.md](${kiro['requirements.md']}) · [design.md](${kiro['design.md']}) · [tasks.md](${kiro['tasks.md']}) (branch \`main\`)`,
    );
    expect(body).not.toContain('spec.md');
    expect(body.split('\n')[0]).toBe('Asked by @\u2060alice in #\u206012.');
  });

  test('the diagram draws each blocking edge and colours each phase by its state', () => {
    const diagram = renderPhaseDiagram(summarizePhases(doc));
    expect(diagram).toContain('p1 --> p2');
    expect(diagram).toContain('p2 --> p3');
    expect(diagram).toMatch(/p2 --> p4/);
    expect(diagram).toContain('class p1 done');
    expect(diagram).toContain('class p2 in_progress');
    expect(diagram).toContain('class p3,p4 blocked');
    expect(diagram).not.toContain('class  not_started');
  });

  test("Mermaid's own parser accepts the diagram, quotes and markup in names included", async () => {
    const tricky = parseTasks(
      '## Phase 1: Setup "quoted" <b>&</b> `code` #1\n- [x] T001 A\n## Phase 2: Next; end\n- [ ] T002 B\n',
      { path: 'specs/005-x/tasks.md' },
    );
    for (const source of [doc, tricky]) {
      const diagram = renderPhaseDiagram(summarizePhases(source));
      await expect(parseMermaid(diagram)).resolves.toMatchObject({
        diagramType: expect.stringContaining('flowchart'),
      });
    }
  });

  test('the Mermaid check can fail: a broken diagram is refused', async () => {
    await expect(parseMermaid('flowchart TD\n  p1["unclosed --> p2\n')).rejects.toThrow();
  });
});
