import type { Task } from '../../src/core/model.js';

/** A task with every field at its plain default, so each test states only the fields it is about. */
export function taskWith(fields: Partial<Task> & Pick<Task, 'id' | 'line'>): Task {
  return {
    idSource: 'explicit',
    title: `Task ${fields.id}`,
    status: 'open',
    marker: ' ',
    phase: null,
    section: null,
    parallel: false,
    story: null,
    files: [],
    dependsOn: [],
    requirements: [],
    optional: false,
    parent: null,
    details: [],
    checklist: [],
    assignees: [],
    ...fields,
  };
}
