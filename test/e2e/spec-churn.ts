import type { StoredIssue } from '../github-sim/index.js';
import { taskId } from './spec-fixtures.js';

/**
 * A spec's tasks.md changing over many commits (boxes ticked and unticked, tasks added, removed and
 * reworded), kept as the test's own model: what the issues must end as is worked out from it, never from
 * what the app did.
 */
export interface ModelTask {
  n: number;
  text: string;
  done: boolean;
}

const MIN_TASKS = 3;
const MAX_TASKS = 10;

export class SpecModel {
  tasks: ModelTask[] = [];
  /** Every task ID some version of the file had. */
  readonly ever = new Set<string>();
  #next = 1;

  constructor(
    initial: number,
    private readonly random: () => number,
  ) {
    for (let i = 0; i < initial; i += 1) this.#add();
  }

  /** One edit a person might make: tick, untick, add, remove or reword a task. */
  change(): void {
    const pick = () => this.tasks[Math.floor(this.random() * this.tasks.length)]!;
    const roll = this.random();
    if (roll < 0.35) {
      const open = this.tasks.filter((task) => !task.done);
      if (open.length > 0) open[Math.floor(this.random() * open.length)]!.done = true;
      else pick().done = false;
    } else if (roll < 0.45) {
      const done = this.tasks.filter((task) => task.done);
      if (done.length > 0) done[Math.floor(this.random() * done.length)]!.done = false;
      else pick().done = true;
    } else if (roll < 0.65) {
      if (this.tasks.length < MAX_TASKS) this.#add();
      else this.#remove(pick());
    } else if (roll < 0.85) {
      if (this.tasks.length > MIN_TASKS) this.#remove(pick());
      else this.#add();
    } else {
      const task = pick();
      task.text = `${task.text.replace(/ \(rev \d+\)$/, '')} (rev ${Math.floor(this.random() * 1000)})`;
    }
  }

  render(): string {
    const lines = ['# Tasks: Scale', '', '## Phase 1: Setup', ''];
    for (const task of this.tasks) lines.push(`- [${task.done ? 'x' : ' '}] ${taskId(task.n)} ${task.text}`);
    return `${lines.join('\n')}\n`;
  }

  #add(): void {
    const n = this.#next;
    this.#next += 1;
    this.tasks.push({ n, text: `Task ${n}`, done: this.random() < 0.2 });
    this.ever.add(taskId(n));
  }

  #remove(task: ModelTask): void {
    this.tasks = this.tasks.filter((other) => other !== task);
  }
}

const MARKER = /<!-- spec-sync:task (\{[^\n]*?\}) -->/;

/** The task ID an issue's hidden marker names for the spec, or null when it has none for it. */
export function markedTask(issue: StoredIssue, spec: string): string | null {
  const json = MARKER.exec(issue.body ?? '')?.[1];
  if (!json) return null;
  const marker = JSON.parse(json) as { spec?: string; id?: string };
  return marker.spec === spec && marker.id ? marker.id : null;
}

/**
 * How a repository's issues differ from what the spec's final tasks.md calls for, one line per problem
 * (empty when they match): each task has exactly one issue, titled after it, open unless ticked; every
 * other marked issue belongs to a task the file once had and is closed.
 */
export function specProblems(issues: StoredIssue[], spec: string, model: SpecModel): string[] {
  const problems: string[] = [];
  const byTask = new Map<string, StoredIssue[]>();
  for (const issue of issues) {
    const id = markedTask(issue, spec);
    if (id === null) problems.push(`#${issue.number} has no task marker`);
    else byTask.set(id, [...(byTask.get(id) ?? []), issue]);
  }
  for (const [id, found] of byTask) {
    if (found.length > 1) problems.push(`${id} has ${found.length} issues`);
    if (!model.ever.has(id)) problems.push(`${id} was never in tasks.md`);
  }
  const current = new Set<string>();
  for (const task of model.tasks) {
    const id = taskId(task.n);
    current.add(id);
    const issue = byTask.get(id)?.[0];
    if (!issue) {
      problems.push(`${id} has no issue`);
      continue;
    }
    if (issue.title !== `${id} ${task.text}`) problems.push(`${id} is titled "${issue.title}"`);
    const state = task.done ? 'closed' : 'open';
    if (issue.state !== state) problems.push(`${id} is ${issue.state}, not ${state}`);
    if (task.done && issue.stateReason !== 'completed') problems.push(`${id} closed as ${issue.stateReason}`);
  }
  for (const [id, found] of byTask)
    if (!current.has(id) && found[0]!.state !== 'closed') problems.push(`${id} was removed but is open`);
  return problems;
}
