import type { Task } from '../model.js';
import { mergeIssueBody } from '../render/issue/issue-body.js';
import { hashTitle, type TaskIssueMarker } from '../render/issue/issue-marker.js';
import { renderIssueTitle } from '../render/issue/issue-title.js';
import { buildIssueView, type IssueRenderContext } from '../render/issue/issue-view.js';
import { renderTemplate } from '../render/render-template.js';
import { desiredLabels, specNameOf } from './issue-labels.js';

export type { IssueRenderContext, IssueView } from '../render/issue/issue-view.js';

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
  const rule = { allowMentions: ctx.allowMentions };
  const title = renderIssueTitle(
    renderTemplate('issue title', ctx.config.title, view, { ...rule, plain: true }),
    task,
  );
  const section = renderTemplate('issue body', ctx.templates.body, view, rule).trim();
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
