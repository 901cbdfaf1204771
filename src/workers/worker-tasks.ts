import { isMainThread } from 'node:worker_threads';
import type { SpecDocument } from '../core/model.js';
import { type ParseOptions, parseTasks } from '../core/parse/parse-tasks.js';
import { type IssuePlan, type PlanIssueSyncInput, planIssueSync } from '../core/plan/plan-issue-sync.js';
import {
  type FindReferencesOptions,
  type PullRequestText,
  type ReferenceScan,
  scanTaskReferences,
} from '../core/refs/find-task-references.js';
import { TemplateError } from '../core/render/render-template.js';
import { packNow, unpackNow } from './chunked-transfer.js';
import { lowerThreadPriority } from './thread-priority.js';

/** The CPU-heavy work a worker thread can run: plain data in, plain data out (structured clone). */
export interface WorkerTasks {
  parseTasks: { input: { text: string; options: ParseOptions }; output: SpecDocument };
  scanTaskReferences: {
    input: { text: PullRequestText; options: FindReferencesOptions };
    output: ReferenceScan;
  };
  planIssueSync: { input: PlanIssueSyncInput; output: PlanOutcome };
}

/** A template error crosses the thread boundary as data, so the job still reads it as a spec problem. */
export type PlanOutcome = { plan: IssuePlan } | { templateError: { message: string; path: string | null } };

function planOrTemplateError(input: PlanIssueSyncInput): PlanOutcome {
  try {
    return { plan: planIssueSync(input) };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { templateError: { message: error.message, path: error.path } };
  }
}

export type WorkerTaskName = keyof WorkerTasks;

// Loaded as a worker thread's entry: its CPU-heavy work yields to the thread that answers webhooks.
if (!isMainThread) lowerThreadPriority();

export type WorkerRequest = {
  [Name in WorkerTaskName]: { task: Name; input: WorkerTasks[Name]['input'] };
}[WorkerTaskName];

/** Runs one task; the worker thread's only export, so one entry file serves every kind of work. */
export default function runWorkerTask(packed: WorkerRequest): WorkerTasks[WorkerTaskName]['output'] {
  return packNow(runTask(unpackNow(packed)));
}

function runTask(request: WorkerRequest): WorkerTasks[WorkerTaskName]['output'] {
  switch (request.task) {
    case 'parseTasks':
      return parseTasks(request.input.text, request.input.options);
    case 'scanTaskReferences':
      return scanTaskReferences(request.input.text, request.input.options);
    case 'planIssueSync':
      return planOrTemplateError(request.input);
  }
}
