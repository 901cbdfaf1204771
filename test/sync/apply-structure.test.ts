import { describe, expect, it } from '@jest/globals';
import { readStructureRecord } from '../../src/core/structure/structure-record.js';
import { GitHubRequestError } from '../../src/github/errors.js';
import { reconcile } from '../../src/sync/issues/sync-spec.js';
import { contextFor, repoJob } from './context.js';
import { MemoryGateway } from './memory-gateway.js';

const TASKS = 'specs/002-billing/tasks.md';
const FILE = [
  '# Tasks: Billing',
  '',
  '## Phase 1: Setup',
  '',
  '- [ ] T001 Create the project',
  '- [ ] T002 Add linting (depends on T003)',
  '- [ ] T003 Add the model (depends on T002)',
  '- [ ] T004 Add the endpoint (depends on T001)',
  '',
].join('\n');

/** GitHub refusing one blocked-by relation (422), as it may for a cycle. */
class RefusingGateway extends MemoryGateway {
  override async addBlockedBy(issueNumber: number, blockerId: number): Promise<void> {
    const issue = this.issues.find((candidate) => candidate.number === issueNumber)!;
    if (issue.title.startsWith('T003')) {
      const refusal = Object.assign(new Error('Validation Failed'), { status: 422 });
      throw new GitHubRequestError(`mark #${issueNumber} blocked`, refusal);
    }
    await super.addBlockedBy(issueNumber, blockerId);
  }
}

describe('the structure applied by the sync', () => {
  it('goes on past a relation GitHub refuses, logs it, and records only what was made', async () => {
    const config = { structure: { subIssues: true, blockedBy: true } };
    const { ctx, gateway, logged } = contextFor(
      { ...repoJob, kind: 'sync-spec', tasksPath: TASKS },
      config,
      new RefusingGateway(),
    );
    gateway.commit('main', { [TASKS]: FILE });
    await reconcile(ctx, TASKS);
    const titleOf = (id: number) => gateway.issues.find((issue) => issue.id === id)!.title.split(' ')[0];
    const blocked = [...gateway.blockedBy].map(([id, blockers]) => [titleOf(id), blockers.map(titleOf)]);
    expect(blocked).toEqual([
      ['T002', ['T003']],
      ['T004', ['T001']],
    ]);
    expect(logged.filter((entry) => entry.message === 'Blocked-by not added')).toHaveLength(1);
    const parent = gateway.issues.find((issue) => issue.body?.includes('spec-sync:spec'))!;
    // the record of what spec-sync made: the two relations it added, not the refused one
    expect(readStructureRecord(parent.body).blockedBy).toEqual([
      { from: 'T002', to: 'T003' },
      { from: 'T004', to: 'T001' },
    ]);

    // The next sync reads the blockers of the refused one only and tries it again (refused again: nothing made).
    gateway.calls.length = 0;
    await reconcile(ctx, TASKS);
    expect(gateway.calls.filter((call) => call.startsWith('listBlockedBy'))).toHaveLength(1);
    expect(gateway.calls.filter((call) => /^(create|update|add|remove)/u.test(call))).toEqual([]);
  });
});
