import type { IssuePlan, PlanIssueSyncInput } from '../core/plan/plan-issue-sync.js';
import { planIssueSync } from '../core/plan/plan-issue-sync.js';
import { TemplateError } from '../core/render/render-template.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Planning renders every task's issue (title and body templates, the text rule): for a 10,000-task spec that
 * is more than a second of CPU, long enough to hold every webhook answer behind it. The input is the
 * repository's own (its tasks.md already read, its templates), so the budget is wider than parsing's.
 */
const PLAN_TIMEOUT_MS = 30_000;

/** Plans a spec's issue writes: one function whether it runs here or in a worker thread. */
export type IssuePlanner = (input: PlanIssueSyncInput) => Promise<IssuePlan>;

/**
 * `planIssueSync` in the pool's worker threads when there is a pool, else on this thread (the CLI). A plan
 * that fails or runs out of time throws: a spec is never synced from half a plan. A template that fails
 * throws its TemplateError here as it would on this thread.
 */
export function issuePlanner(pool: WorkerPool | undefined): IssuePlanner {
  if (!pool) return async (input) => planIssueSync(input);
  return async (input) => {
    const outcome = await pool.run('planIssueSync', input, { timeoutMs: PLAN_TIMEOUT_MS });
    if (outcome.kind === 'done') {
      if ('plan' in outcome.value) return outcome.value.plan;
      const { message, path } = outcome.value.templateError;
      throw new TemplateError(message, path === null ? {} : { path });
    }
    const why =
      outcome.kind === 'timeout'
        ? `took longer than ${outcome.timeoutMs.toLocaleString('en-US')} ms and was stopped`
        : `failed (${outcome.reason.slice(0, 200)})`;
    throw new Error(`Planning the issues of ${input.tasksPath} ${why}; nothing was written.`);
  };
}
