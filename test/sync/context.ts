import { validateConfig } from '../../src/config/load-config.js';
import type { Job } from '../../src/queue/jobs.js';
import type { FollowUp, JobContext } from '../../src/sync/shared/job-context.js';
import type { Logger } from '../../src/sync/shared/services.js';
import { referenceScanner, tasksParser } from '../../src/sync/shared/tasks-parser.js';
import { issuePlanner } from '../../src/workers/plan-off-thread.js';
import { MemoryGateway } from './memory-gateway.js';

export interface TestContext {
  ctx: JobContext;
  gateway: MemoryGateway;
  queued: FollowUp[];
  logged: Array<{ level: string; message: string; data: object }>;
}

/** A job context over an in-memory gateway: config from YAML-like data, tracking always the default branch. */
export function contextFor(job: Job, config: unknown = {}, gateway = new MemoryGateway()): TestContext {
  const queued: FollowUp[] = [];
  const logged: TestContext['logged'] = [];
  const at =
    (level: string) =>
    (data: object, message: string): void => {
      logged.push({ level, message, data });
    };
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  const parsed = validateConfig(config);
  const ctx: JobContext = {
    job,
    gateway,
    config: parsed,
    log,
    parseTasks: tasksParser(undefined),
    scanReferences: referenceScanner(undefined),
    planIssues: issuePlanner(undefined),
    repository: () => gateway.getRepository(),
    trackingBranch: async () => gateway.defaultBranch,
    enqueue: async (work) => {
      queued.push(work);
    },
  };
  return { ctx, gateway, queued, logged };
}

export const repoJob = { installationId: 1, owner: 'acme', repo: 'shop', deliveryId: 'd-1' };
