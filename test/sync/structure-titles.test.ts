import { describe, expect, test } from '@jest/globals';
import { parseTasks } from '../../src/core/parse/parse-tasks.js';
import { JOINER } from '../../src/core/text/neutralize-text.js';
import type { GitHubGateway } from '../../src/github/gateway.js';
import type { SpecParentIntro } from '../../src/sync/issues/spec-parent-intro.js';
import { wantedUnit } from '../../src/sync/issues/structure-issues.js';
import { StructureRun } from '../../src/sync/issues/structure-run.js';
import type { Logger } from '../../src/sync/shared/services.js';

function runFor(text: string): StructureRun {
  const doc = parseTasks(text, { path: 'specs/002-billing/tasks.md' });
  return new StructureRun(
    {} as GitHubGateway,
    {} as Logger,
    doc,
    {
      specDir: 'specs/002-billing',
      specName: '002-billing',
      specLabel: 'spec:002-billing',
      branch: 'main',
      tasksUrl: 'https://github.test/acme/app/blob/main/specs/002-billing/tasks.md',
      granularity: 'phase',
      intro: {} as SpecParentIntro,
    },
    new Map(),
    false,
  );
}

describe('the title of a story or phase issue', () => {
  test('a very long phase heading is cut to 256 characters after references are made inert', () => {
    const heading = `Phase 1: ${'Setup #12 '.repeat(40)}`;
    const run = runFor(`## ${heading}\n- [ ] T001 A\n`);
    const unit = { key: 'phase:phase-1', kind: 'phase' as const, title: heading, taskIds: ['T001'] };
    const { title } = wantedUnit(run, unit);
    expect(Array.from(title)).toHaveLength(256);
    expect(title.startsWith(`002-billing: Phase 1: Setup #${JOINER}12 Setup`)).toBe(true);
    expect(title.endsWith('…')).toBe(true);
  });

  test('a short heading is kept whole', () => {
    const run = runFor('## Phase 1: Setup\n- [ ] T001 A\n');
    const unit = { key: 'phase:phase-1', kind: 'phase' as const, title: 'Phase 1: Setup', taskIds: ['T001'] };
    expect(wantedUnit(run, unit).title).toBe('002-billing: Phase 1: Setup');
  });
});
