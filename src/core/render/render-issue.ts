import type { Task } from '../model.js';
import { mergeIssueBody } from '../plan/issue-body.js';
import { desiredLabels, specNameOf } from '../plan/issue-labels.js';
import { hashTitle, type TaskIssueMarker } from '../plan/issue-marker.js';
import { renderTemplate } from './issue-template.js';
import { buildIssueView, type IssueRenderContext } from './issue-view.js';

export type { IssueRenderContext, IssueView } from './issue-view.js';

/** GitHub refuses issue titles over 256 characters. */
export const MAX_ISSUE_TITLE_LENGTH = 256;

export interface RenderedIssue {
  title: string;
  /** spec-sync's part of the body, without the begin/end comments and marker. */
  section: string;
  marker: TaskIssueMarker;
  /** The body of a new issue: the section inside its comments, marker first. */
  body: string;
  labels: string[];
}

/**
 * Everything spec-sync writes on one task's issue. Dependencies link as `#N` when `ctx.issueNumbers` knows
 * their issue, so an applier renders each new issue just before creating it, with the numbers made so far.
 */
export function renderTaskIssue(task: Task, ctx: IssueRenderContext): RenderedIssue {
  const spec = specNameOf(ctx.specDir);
  const view = buildIssueView(task, ctx, spec);
  const title = renderIssueTitle(renderTemplate('issue title', ctx.config.title, view), task);
  const section = renderTemplate('issue body', ctx.templates.body, view).trim();
  const marker: TaskIssueMarker = {
    kind: 'task',
    spec: ctx.specDir,
    id: task.id,
    titleHash: hashTitle(title),
  };
  return {
    title,
    section,
    marker,
    body: mergeIssueBody(null, section, marker),
    labels: desiredLabels(task, ctx.doc, spec, ctx.config.labels),
  };
}

/** One line, within GitHub's limit; a template that renders nothing falls back to `ID title`. */
export function renderIssueTitle(rendered: string, task: Pick<Task, 'id' | 'title'>): string {
  const line = rendered.replace(/\s+/g, ' ').trim() || `${task.id} ${task.title}`.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  if (chars.length <= MAX_ISSUE_TITLE_LENGTH) return line;
  return `${chars
    .slice(0, MAX_ISSUE_TITLE_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}
