import { describe, expect, test } from '@jest/globals';
import { findTaskReferences } from '../../../src/core/refs/find-task-references.js';
import {
  describeAmbiguity,
  type ResolveContext,
  resolveReferences,
  type SpecIndexEntry,
} from '../../../src/core/refs/resolve-references.js';
import type { TaskReference } from '../../../src/core/refs/task-reference.js';

const AUTH: SpecIndexEntry = {
  dir: 'specs/001-auth',
  name: '001-auth',
  taskIds: new Set(['T001', 'T012']),
  branch: '001-auth',
};
const BILLING: SpecIndexEntry = {
  dir: 'specs/002-billing',
  name: '002-billing',
  taskIds: new Set(['T012', 'T013']),
  branch: '002-billing',
};
const KIRO_AUTH: SpecIndexEntry = {
  dir: '.kiro/specs/auth',
  name: 'auth',
  taskIds: new Set(['1', '2.3']),
  branch: null,
};

function ctx(overrides: Partial<ResolveContext> = {}): ResolveContext {
  return {
    specs: [AUTH, BILLING, KIRO_AUTH],
    baseBranch: 'main',
    headBranch: 'feature/x',
    touchedPaths: [],
    issues: new Map(),
    ...overrides,
  };
}

function ref(fields: Partial<TaskReference>): TaskReference {
  return {
    raw: fields.id ?? '',
    spec: null,
    id: null,
    issueNumber: null,
    intent: 'close',
    source: 'body',
    ...fields,
  };
}

/** `specDir:taskId` for resolved tasks, `?id` for ambiguous, `!raw` for unresolved. */
function outcome(refs: TaskReference[], context: ResolveContext): string[] {
  const result = resolveReferences(refs, context);
  return [
    ...result.tasks.map((task) => `${task.specDir}:${task.taskId}`),
    ...result.ambiguous.map(({ ref: r, candidates }) => `?${r.id} in ${candidates.join(' ')}`),
    ...result.unresolved.map((r) => `!${r.raw}`),
  ];
}

describe('resolveReferences: unqualified IDs', () => {
  test('an ID only one spec has resolves to it', () => {
    expect(outcome([ref({ id: 'T013' })], ctx())).toEqual(['specs/002-billing:T013']);
  });

  test.each<[string, Partial<ResolveContext>, string]>([
    ['the head branch is the spec branch', { headBranch: '002-billing' }, 'specs/002-billing:T012'],
    ['the base branch is the spec branch', { baseBranch: '001-auth' }, 'specs/001-auth:T012'],
    [
      'the head branch wins over the base branch',
      { headBranch: '001-auth', baseBranch: '002-billing' },
      'specs/001-auth:T012',
    ],
    [
      'the PR touches one spec',
      { touchedPaths: ['src/x.ts', 'specs/002-billing/tasks.md'] },
      'specs/002-billing:T012',
    ],
    [
      'a spec branch beats touched files',
      { headBranch: '001-auth', touchedPaths: ['specs/002-billing/plan.md'] },
      'specs/001-auth:T012',
    ],
  ])('T012 (in two specs): %s', (_name, overrides, expected) => {
    expect(outcome([ref({ id: 'T012' })], ctx(overrides))).toEqual([expected]);
  });

  test.each<[string, Partial<ResolveContext>]>([
    ['no clue', {}],
    ['the PR touches both specs', { touchedPaths: ['specs/001-auth/spec.md', 'specs/002-billing/spec.md'] }],
    ['a path that only starts like the spec dir', { touchedPaths: ['specs/002-billing-v2/tasks.md'] }],
  ])('T012 (in two specs) is ambiguous with %s', (_name, overrides) => {
    expect(outcome([ref({ id: 'T012' })], ctx(overrides))).toEqual([
      '?T012 in specs/001-auth specs/002-billing',
    ]);
  });

  test('an ID the branch spec lacks is unresolved, even if another spec has it', () => {
    expect(outcome([ref({ id: 'T013', raw: 'T013' })], ctx({ headBranch: '001-auth' }))).toEqual(['!T013']);
  });

  test('an ID no spec has is unresolved', () => {
    expect(outcome([ref({ id: 'T777', raw: 'T777' })], ctx())).toEqual(['!T777']);
  });

  test('touched files of a spec without the ID do not narrow to it', () => {
    expect(outcome([ref({ id: 'T013' })], ctx({ touchedPaths: ['specs/001-auth/tasks.md'] }))).toEqual([
      'specs/002-billing:T013',
    ]);
  });
});

describe('resolveReferences: qualified references', () => {
  test.each<[string, string, string]>([
    ['name', '002-billing', 'specs/002-billing:T012'],
    ['directory', 'specs/002-billing', 'specs/002-billing:T012'],
    ['tasks.md path', 'specs/002-billing/tasks.md', 'specs/002-billing:T012'],
    ['number only', '002', 'specs/002-billing:T012'],
    ['different case', 'Specs/002-Billing', 'specs/002-billing:T012'],
  ])('by %s', (_name, spec, expected) => {
    expect(outcome([ref({ spec, id: 'T012' })], ctx())).toEqual([expected]);
  });

  test.each<[string, string, string]>([
    ['Kiro name', 'auth', '.kiro/specs/auth:2.3'],
    ['Kiro directory', '.kiro/specs/auth', '.kiro/specs/auth:2.3'],
  ])('by %s', (_name, spec, expected) => {
    expect(outcome([ref({ spec, id: '2.3' })], ctx())).toEqual([expected]);
  });

  test('a qualifier overrides the branch', () => {
    expect(outcome([ref({ spec: '002-billing', id: 'T012' })], ctx({ headBranch: '001-auth' }))).toEqual([
      'specs/002-billing:T012',
    ]);
  });

  test.each<[string, Partial<TaskReference>]>([
    ['an unknown spec', { spec: '009-nothing', id: 'T012', raw: '009-nothing/T012' }],
    ['a task the named spec lacks', { spec: '001-auth', id: 'T013', raw: '001-auth/T013' }],
    ['a version string', { spec: 'node', id: '20.20', raw: 'node/20.20' }],
  ])('%s is unresolved', (_name, fields) => {
    expect(outcome([ref(fields)], ctx())).toEqual([`!${fields.raw}`]);
  });

  test('a qualifier matching two specs that both have the ID is ambiguous', () => {
    const other: SpecIndexEntry = {
      dir: 'specs/auth',
      name: 'auth',
      taskIds: new Set(['2.3']),
      branch: null,
    };
    const context = ctx({ specs: [KIRO_AUTH, other] });
    expect(outcome([ref({ spec: 'auth', id: '2.3' })], context)).toEqual([
      '?2.3 in .kiro/specs/auth specs/auth',
    ]);
  });
});

describe('resolveReferences: issues and merging', () => {
  const issues = new Map([[45, { specDir: 'specs/002-billing', taskId: 'T013' }]]);

  test('an issue number resolves through the task issues', () => {
    expect(outcome([ref({ issueNumber: 45, raw: '#45' })], ctx({ issues }))).toEqual([
      'specs/002-billing:T013',
    ]);
  });

  test('an issue that is not a task issue is unresolved', () => {
    expect(outcome([ref({ issueNumber: 46, raw: '#46' })], ctx({ issues }))).toEqual(['!#46']);
  });

  test('references to the same task merge: close wins, sources listed once each', () => {
    const refs = [
      ref({ id: 'T013', intent: 'mention', source: 'title' }),
      ref({ spec: '002-billing', id: 'T013', intent: 'close', source: 'body' }),
      ref({ issueNumber: 45, intent: 'mention', source: 'body' }),
    ];
    expect(resolveReferences(refs, ctx({ issues })).tasks).toEqual([
      { specDir: 'specs/002-billing', taskId: 'T013', intent: 'close', sources: ['title', 'body'] },
    ]);
  });
});

describe('describeAmbiguity', () => {
  test('two specs', () => {
    const text = describeAmbiguity([
      { ref: ref({ id: 'T012' }), candidates: ['specs/001-auth', 'specs/002-billing'] },
    ]);
    expect(text).toBe(
      'T012 is in both specs/001-auth and specs/002-billing; write `002-billing/T012` to say which.',
    );
  });

  test('three specs, one sentence per reference', () => {
    const text = describeAmbiguity([
      { ref: ref({ id: 'T001' }), candidates: ['specs/a', 'specs/b', 'specs/c'] },
      { ref: ref({ id: 'T002' }), candidates: ['specs/a', 'specs/b'] },
    ]);
    expect(text).toBe(
      'T001 is in specs/a, specs/b and specs/c; write `c/T001` to say which.\n' +
        'T002 is in both specs/a and specs/b; write `b/T002` to say which.',
    );
  });

  test('specs with the same short name are named by directory', () => {
    const text = describeAmbiguity([
      { ref: ref({ id: '2.3' }), candidates: ['.kiro/specs/auth', 'specs/auth'] },
    ]);
    expect(text).toBe('2.3 is in both .kiro/specs/auth and specs/auth; write `specs/auth/2.3` to say which.');
  });

  test('nothing ambiguous gives an empty string', () => {
    expect(describeAmbiguity([])).toBe('');
  });
});

describe('finding then resolving', () => {
  test('a PR from the billing branch titled with T012 closes billing T012 and flags nothing', () => {
    const refs = findTaskReferences(
      { title: 'T012: invoice totals', body: 'See T001.', headBranch: '002-billing', commitMessages: [] },
      { closingWords: ['closes'], titleIdsClose: true },
    );
    const result = resolveReferences(refs, ctx({ headBranch: '002-billing' }));
    expect(result.tasks).toEqual([
      { specDir: 'specs/002-billing', taskId: 'T012', intent: 'close', sources: ['title'] },
    ]);
    // T001 is only in 001-auth, but the branch says this PR is billing's: reported, not guessed.
    expect(result.unresolved.map((r) => r.id)).toEqual(['T001']);
    expect(result.ambiguous).toEqual([]);
  });
});
