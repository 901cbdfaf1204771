import { describe, expect, it } from '@jest/globals';
import type { Task } from '../../../src/core/model.js';
import {
  type ActualIssue,
  type IssuePlan,
  isEmptyPlan,
  planIssueSync,
  removedComment,
  renderPlannedIssue,
} from '../../../src/core/plan/plan-issue-sync.js';
import { MAX_ISSUE_BODY_LENGTH } from '../../../src/core/render/issue/issue-body.js';
import { readIssueMarker } from '../../../src/core/render/issue/issue-marker.js';
import { applyPlan, makeDoc, makeInput, makePhase, makeTask } from './issue-fixtures.js';

const phases = [
  makePhase({ id: 'phase-1', number: '1', name: 'Setup', line: 3 }),
  makePhase({ id: 'phase-2', number: '2', name: 'User Story 1', story: 'US1', line: 9 }),
];

function specTasks(): Task[] {
  return [
    makeTask({ id: 'T001', title: 'Create project structure', line: 5, phase: 'phase-1' }),
    makeTask({
      id: 'T002',
      title: 'Configure linting',
      line: 6,
      phase: 'phase-1',
      parallel: true,
      status: 'done',
    }),
    makeTask({
      id: 'T003',
      title: 'Create User model in src/models/user.py',
      line: 11,
      phase: 'phase-2',
      story: 'US1',
      files: ['src/models/user.py'],
      dependsOn: ['T001'],
      status: 'in_progress',
    }),
    makeTask({
      id: 'T004',
      title: 'Try the old API',
      line: 12,
      phase: 'phase-2',
      dependsOn: ['T005'],
      status: 'skipped',
    }),
    makeTask({
      id: 'T005',
      title: 'Add the billing endpoint',
      line: 13,
      phase: 'phase-2',
      status: 'blocked',
    }),
  ];
}

/** Plans with `tasks` against `issues` and returns the plan. */
function plan(tasks: Task[], issues: ActualIssue[] = []): IssuePlan {
  return planIssueSync(makeInput(makeDoc(tasks, phases), issues));
}

/** The issues after a first sync of `specTasks()`: #100…#104 in file order. */
function syncedIssues(tasks = specTasks()): ActualIssue[] {
  const input = makeInput(makeDoc(tasks, phases));
  return applyPlan(planIssueSync(input), input).issues;
}

function change(tasks: Task[], id: string, fields: Partial<Task>): Task[] {
  return tasks.map((task) => (task.id === id ? { ...task, ...fields } : task));
}

function issue(issues: ActualIssue[], number: number): ActualIssue {
  return issues.find((candidate) => candidate.number === number)!;
}

describe('first sync of a spec', () => {
  const first = plan(specTasks());

  it('creates one issue per task, in file order, with titles and labels', () => {
    expect(first.creates.map(({ taskId, title, labels }) => ({ taskId, title, labels }))).toEqual([
      { taskId: 'T001', title: 'T001 Create project structure', labels: ['spec:002-billing', 'phase:1'] },
      {
        taskId: 'T002',
        title: 'T002 Configure linting',
        labels: ['spec:002-billing', 'phase:1', 'parallel'],
      },
      {
        taskId: 'T003',
        title: 'T003 Create User model in src/models/user.py',
        labels: ['spec:002-billing', 'phase:2', 'story:US1', 'in progress'],
      },
      { taskId: 'T004', title: 'T004 Try the old API', labels: ['spec:002-billing', 'phase:2'] },
      {
        taskId: 'T005',
        title: 'T005 Add the billing endpoint',
        labels: ['spec:002-billing', 'phase:2', 'blocked'],
      },
    ]);
  });

  it('closes the done and skipped tasks’ new issues, and relinks a dependency created later', () => {
    expect(first.updates).toEqual([
      {
        kind: 'update',
        number: null,
        taskId: 'T002',
        changes: { state: 'closed', stateReason: 'completed' },
        renderAfterCreates: false,
        why: ['state'],
      },
      {
        kind: 'update',
        number: null,
        taskId: 'T004',
        changes: { state: 'closed', stateReason: 'not_planned' },
        renderAfterCreates: true,
        why: ['state'],
      },
    ]);
    expect(first.comments).toEqual([]);
    expect(first.warnings).toEqual([]);
  });

  it('lists every label it uses once, with colour and description', () => {
    expect(first.labels.map((label) => [label.name, label.color])).toEqual([
      ['spec:002-billing', '5319e7'],
      ['phase:1', '1d76db'],
      ['parallel', 'c2e0c6'],
      ['phase:2', '1d76db'],
      ['story:US1', 'fbca04'],
      ['in progress', '0e8a16'],
      ['blocked', 'd93f0b'],
    ]);
    expect(first.labels.every((label) => label.description.length > 0)).toBe(true);
  });

  it('links dependencies to their issues once applied, whichever comes first in the file', () => {
    const issues = syncedIssues();
    expect(issue(issues, 102).body).toContain('- **Depends on:** #100');
    expect(issue(issues, 103).body).toContain('- **Depends on:** #104');
    expect(issue(issues, 101)).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(issue(issues, 103)).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    expect(readIssueMarker(issue(issues, 104).body)).toMatchObject({ spec: 'specs/002-billing', id: 'T005' });
  });

  it('plans nothing when the spec has no tasks, or issues are turned off', () => {
    expect(isEmptyPlan(plan([]))).toBe(true);
    const input = makeInput(makeDoc(specTasks(), phases));
    expect(isEmptyPlan(planIssueSync({ ...input, config: { ...input.config, enabled: false } }))).toBe(true);
  });
});

describe('idempotence: applying a plan and planning again gives nothing to do', () => {
  const edits: Array<[string, (tasks: Task[]) => Task[]]> = [
    ['first sync', (tasks) => tasks],
    ['edited text', (tasks) => change(tasks, 'T001', { title: 'Create the project layout' })],
    ['ticked', (tasks) => change(tasks, 'T003', { status: 'done' })],
    ['unticked', (tasks) => change(tasks, 'T002', { status: 'open' })],
    ['task removed', (tasks) => tasks.filter((task) => task.id !== 'T005')],
    [
      'task added that an earlier task depends on',
      (tasks) => [
        ...change(tasks, 'T001', { dependsOn: ['T006'] }),
        makeTask({ id: 'T006', title: 'New', line: 14, phase: 'phase-2' }),
      ],
    ],
    ['lines moved', (tasks) => tasks.map((task) => ({ ...task, line: task.line + 3 }))],
    [
      'a sub-task written before its new parent',
      (tasks) => [
        makeTask({ id: 'T006.1', title: 'Child', line: 1, parent: 'T006' }),
        ...tasks,
        makeTask({ id: 'T006', title: 'Parent', line: 14 }),
      ],
    ],
  ];

  it.each(edits)('%s', (_name, edit) => {
    const input = makeInput(makeDoc(edit(specTasks()), phases), syncedIssues());
    const after = applyPlan(planIssueSync(input), input, 200).issues;
    const again = planIssueSync({ ...input, actual: after });
    expect(again.creates).toEqual([]);
    expect(again.updates).toEqual([]);
    expect(again.comments).toEqual([]);
    expect(isEmptyPlan(again)).toBe(true);
  });

  it('does not churn on CRLF bodies, label order and label case from GitHub', () => {
    const issues = syncedIssues().map((actual) => ({
      ...actual,
      body: actual.body!.replace(/\n/g, '\r\n'),
      labels: [...actual.labels].reverse().map((name) => name.toUpperCase()),
    }));
    expect(isEmptyPlan(plan(specTasks(), issues))).toBe(true);
  });

  it('changes only the body when lines move', () => {
    const moved = specTasks().map((task) => ({ ...task, line: task.line + 3 }));
    const updates = plan(moved, syncedIssues()).updates;
    expect(updates.map((op) => op.taskId)).toEqual(['T001', 'T002', 'T003', 'T004', 'T005']);
    expect(updates.every((op) => Object.keys(op.changes).join() === 'body')).toBe(true);
    expect(updates[0]!.changes.body).toContain('tasks.md#L8');
  });
});

describe('changes in tasks.md', () => {
  const synced = syncedIssues();

  it('edited task text: new title and body', () => {
    const [op, ...rest] = plan(
      change(specTasks(), 'T001', { title: 'Create the project layout' }),
      synced,
    ).updates;
    expect(rest).toEqual([]);
    expect(op).toMatchObject({ number: 100, taskId: 'T001', why: ['title', 'body'] });
    expect(op!.changes.title).toBe('T001 Create the project layout');
    expect(op!.changes.body).toContain('Create the project layout\n');
    expect(Object.keys(op!.changes)).toEqual(['title', 'body']);
  });

  it('a person’s retitle is kept while the task text is unchanged', () => {
    const retitled = synced.map((actual) =>
      actual.number === 100 ? { ...actual, title: 'Scaffold the repo' } : actual,
    );
    expect(isEmptyPlan(plan(specTasks(), retitled))).toBe(true);
  });

  it('a person’s retitle gives way when the task text changes', () => {
    const retitled = synced.map((actual) =>
      actual.number === 100 ? { ...actual, title: 'Scaffold the repo' } : actual,
    );
    const [op] = plan(change(specTasks(), 'T001', { title: 'Create the project layout' }), retitled).updates;
    expect(op!.changes.title).toBe('T001 Create the project layout');
  });

  it.each<[string, string, Partial<Task>, number, object]>([
    ['tick', 'T001', { status: 'done' }, 100, { state: 'closed', stateReason: 'completed' }],
    ['skip', 'T001', { status: 'skipped' }, 100, { state: 'closed', stateReason: 'not_planned' }],
    ['untick', 'T002', { status: 'open' }, 101, { state: 'open' }],
    ['un-skip', 'T004', { status: 'open' }, 103, { state: 'open' }],
    [
      'tick an in-progress task: its status label goes',
      'T003',
      { status: 'done' },
      102,
      { labels: ['spec:002-billing', 'phase:2', 'story:US1'], state: 'closed', stateReason: 'completed' },
    ],
    [
      'start a task',
      'T001',
      { status: 'in_progress' },
      100,
      { labels: ['spec:002-billing', 'phase:1', 'in progress'] },
    ],
  ])('%s', (_name, id, fields, number, changes) => {
    const updates = plan(change(specTasks(), id, fields), synced).updates;
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ number, taskId: id });
    expect(updates[0]!.changes).toEqual(changes);
  });

  it('reopens an issue a person closed while the task is still open', () => {
    const closed = synced.map((actual) =>
      actual.number === 100 ? { ...actual, state: 'closed' as const, stateReason: 'completed' } : actual,
    );
    expect(plan(specTasks(), closed).updates.map((op) => op.changes)).toEqual([{ state: 'open' }]);
  });

  it('a removed task: its open issue is closed as not planned, with a comment; nothing is deleted', () => {
    const result = plan(
      specTasks().filter((task) => task.id !== 'T005'),
      synced,
    );
    expect(result.creates).toEqual([]);
    expect(result.updates).toEqual([
      {
        kind: 'update',
        number: 104,
        taskId: 'T005',
        changes: { state: 'closed', stateReason: 'not_planned' },
        renderAfterCreates: false,
        why: ['removed from tasks.md'],
      },
    ]);
    expect(result.comments).toEqual([
      {
        kind: 'comment',
        number: 104,
        taskId: 'T005',
        body: 'T005 was removed from specs/002-billing/tasks.md, so this issue is closed as not planned. It reopens if the task comes back.',
      },
    ]);
    expect(removedComment('T012', 'specs/002-billing/tasks.md')).toBe(
      'T012 was removed from specs/002-billing/tasks.md, so this issue is closed as not planned. It reopens if the task comes back.',
    );
  });

  it('a removed task whose issue is already closed: nothing to do', () => {
    expect(
      isEmptyPlan(
        plan(
          specTasks().filter((task) => task.id !== 'T002'),
          synced,
        ),
      ),
    ).toBe(true);
  });

  it('a restored task: its issue reopens', () => {
    const input = makeInput(
      makeDoc(
        specTasks().filter((task) => task.id !== 'T005'),
        phases,
      ),
      synced,
    );
    const removed = applyPlan(planIssueSync(input), input).issues;
    const restored = plan(specTasks(), removed);
    expect(restored.creates).toEqual([]);
    expect(restored.updates.map((op) => [op.number, op.changes])).toEqual([[104, { state: 'open' }]]);
  });
});

describe('what people own', () => {
  const synced = syncedIssues();
  const human = 'Notes from the team.\r\n\r\n';
  const touched = synced.map((actual) =>
    actual.number === 100
      ? {
          ...actual,
          body: `${human}${actual.body}\r\n\r\nAfter text.`,
          labels: ['bug', 'spec:002-billing', 'priority: high'],
        }
      : actual,
  );

  it('keeps people’s labels and text while restoring spec-sync’s labels', () => {
    const [op] = plan(change(specTasks(), 'T001', { title: 'Renamed' }), touched).updates;
    expect(op!.changes.labels).toEqual(['bug', 'priority: high', 'spec:002-billing', 'phase:1']);
    expect(op!.changes.body!.startsWith(human)).toBe(true);
    expect(op!.changes.body!.endsWith('<!-- spec-sync:end -->\r\n\r\nAfter text.')).toBe(true);
  });

  it('removes a spec-sync label that no longer fits, keeps the rest', () => {
    const labelled = synced.map((actual) =>
      actual.number === 100 ? { ...actual, labels: [...actual.labels, 'blocked', 'help wanted'] } : actual,
    );
    const [op] = plan(specTasks(), labelled).updates;
    expect(op!.changes).toEqual({ labels: ['help wanted', 'spec:002-billing', 'phase:1'] });
  });

  it('ignores issues with the spec label but no marker, or a damaged marker', () => {
    const strangers: ActualIssue[] = [
      {
        number: 5,
        title: 'T001 by hand',
        body: 'no marker',
        state: 'open',
        stateReason: null,
        labels: ['spec:002-billing'],
      },
      {
        number: 6,
        title: 'x',
        body: '<!-- spec-sync:task {oops -->',
        state: 'open',
        stateReason: null,
        labels: [],
      },
      { number: 7, title: 'x', body: null, state: 'open', stateReason: null, labels: ['spec:002-billing'] },
    ];
    const result = plan(specTasks(), [...synced, ...strangers]);
    expect(isEmptyPlan(result)).toBe(true);
    expect(result.warnings).toEqual([]);
  });
});

describe('two specs with the same task IDs', () => {
  const billing = makeInput(makeDoc([makeTask({ id: 'T001', title: 'Bill', line: 3 })]));
  const auth = makeInput(
    makeDoc([makeTask({ id: 'T001', title: 'Log in', line: 4 })], [], 'specs/003-auth/tasks.md'),
    [],
    'specs/003-auth',
  );
  const billingIssues = applyPlan(planIssueSync(billing), billing, 1).issues;
  const authIssues = applyPlan(planIssueSync(auth), auth, 2).issues;

  it('gives each its own marker and label', () => {
    expect(readIssueMarker(billingIssues[0]!.body)).toMatchObject({ spec: 'specs/002-billing', id: 'T001' });
    expect(readIssueMarker(authIssues[0]!.body)).toMatchObject({ spec: 'specs/003-auth', id: 'T001' });
    expect(billingIssues[0]!.labels).toEqual(['spec:002-billing']);
    expect(authIssues[0]!.labels).toEqual(['spec:003-auth']);
  });

  it('never touches the other spec’s issue, even when it is listed with this spec’s label', () => {
    const mislabelled = { ...authIssues[0]!, labels: ['spec:002-billing'], state: 'closed' as const };
    const result = planIssueSync({ ...billing, actual: [mislabelled] });
    expect(result.creates.map((op) => op.taskId)).toEqual(['T001']);
    expect(result.updates).toEqual([]);
    expect(isEmptyPlan(planIssueSync({ ...billing, actual: [...billingIssues, mislabelled] }))).toBe(true);
  });
});

describe('duplicates', () => {
  it('keeps the lowest-numbered issue carrying a marker in step and reports the others', () => {
    const synced = syncedIssues();
    const original = issue(synced, 100);
    const copies = [
      { ...original, number: 150, title: 'copy', state: 'closed' as const },
      { ...original, number: 120, title: 'copy' },
    ];
    const result = plan(change(specTasks(), 'T001', { status: 'done' }), [...copies, ...synced]);
    expect(result.updates.map((op) => op.number)).toEqual([100]);
    expect(result.warnings).toEqual([
      '#100, #120 and #150 carry the same spec-sync marker (T001 of specs/002-billing): #100 is kept in step and the others are left alone; close them as duplicates.',
    ]);
  });

  it('a task ID written twice in tasks.md gets one issue and a warning', () => {
    const tasks = [makeTask({ id: 'T1', title: 'a', line: 3 }), makeTask({ id: 'T1', title: 'b', line: 9 })];
    const result = plan(tasks);
    expect(result.creates.map((op) => op.title)).toEqual(['T1 a']);
    expect(result.warnings).toEqual([
      'T1 appears more than once in specs/002-billing/tasks.md (lines 3 and 9); only the first has an issue.',
    ]);
  });
});

describe('GitHub limits', () => {
  it('keeps title, labels and body within GitHub’s limits', () => {
    const long = makeTask({
      id: 'T001',
      title: 'x'.repeat(300),
      line: 3,
      phase: 'phase-9',
      details: Array.from({ length: 2000 }, (_, index) => `detail ${index} ${'y'.repeat(40)}`),
    });
    const longPhase = makePhase({ id: 'phase-9', name: `A ${'very '.repeat(20)}long phase`, line: 2 });
    const input = makeInput(makeDoc([long], [longPhase]), [], `specs/${'z'.repeat(60)}`);
    const [create] = planIssueSync(input).creates;
    expect(Array.from(create!.title)).toHaveLength(256);
    expect(create!.body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY_LENGTH);
    expect(create!.body).toContain('Cut to fit');
    expect(create!.labels.map((name) => Array.from(name).length <= 50)).toEqual([true, true]);
    expect(
      isEmptyPlan(planIssueSync({ ...input, actual: applyPlan(planIssueSync(input), input).issues })),
    ).toBe(true);
  });
});

describe('renderPlannedIssue', () => {
  const synced = syncedIssues().map((actual) =>
    actual.number === 100 ? { ...actual, body: `Mine.\n\n${actual.body}` } : actual,
  );
  const tasks = change(specTasks(), 'T001', { dependsOn: ['T003'] });
  const input = makeInput(makeDoc(tasks, phases), synced);

  it('renders with the numbers it is given and keeps the listed issue’s human text when no body is passed', () => {
    const rendered = renderPlannedIssue(input, 'T001', new Map([['T003', 7]]), null)!;
    expect(rendered.body.startsWith('Mine.\n\n<!-- spec-sync:begin -->')).toBe(true);
    expect(rendered.body).toContain('- **Depends on:** #7');
  });

  it('uses the body it is given, and knows nothing of a task not in the file', () => {
    expect(renderPlannedIssue(input, 'T001', new Map(), 'Other.')!.body.startsWith('Other.\n\n')).toBe(true);
    expect(renderPlannedIssue(input, 'T999', new Map(), null)).toBeNull();
  });

  it('treats ./specs/x/ and specs/x as the same spec', () => {
    const slashed = {
      ...makeInput(makeDoc(specTasks(), phases), syncedIssues()),
      specDir: './specs/002-billing/',
    };
    expect(isEmptyPlan(planIssueSync(slashed))).toBe(true);
  });
});
