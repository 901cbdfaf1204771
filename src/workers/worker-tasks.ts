import type { SpecDocument } from '../core/model.js';
import { type ParseOptions, parseTasks } from '../core/parse/parse-tasks.js';
import {
  type FindReferencesOptions,
  type PullRequestText,
  type ReferenceScan,
  scanTaskReferences,
} from '../core/refs/find-task-references.js';

/** The CPU-heavy work a worker thread can run: plain data in, plain data out (structured clone). */
export interface WorkerTasks {
  parseTasks: { input: { text: string; options: ParseOptions }; output: SpecDocument };
  scanTaskReferences: {
    input: { text: PullRequestText; options: FindReferencesOptions };
    output: ReferenceScan;
  };
}

export type WorkerTaskName = keyof WorkerTasks;

export type WorkerRequest = {
  [Name in WorkerTaskName]: { task: Name; input: WorkerTasks[Name]['input'] };
}[WorkerTaskName];

/** Runs one task; the worker thread's only export, so one entry file serves every kind of work. */
export default function runWorkerTask(request: WorkerRequest): WorkerTasks[WorkerTaskName]['output'] {
  switch (request.task) {
    case 'parseTasks':
      return parseTasks(request.input.text, request.input.options);
    case 'scanTaskReferences':
      return scanTaskReferences(request.input.text, request.input.options);
  }
}
