import { fitWithNote, MAX_COMMENT_CHARS } from '../github-limits.js';
import { renderTemplate, type TextRule } from '../render-template.js';

/** The hidden marker of the one comment spec-sync keeps on a pull request. */
export const PR_TASKS_MARKER = '<!-- spec-sync:pr-tasks -->';

export { MAX_COMMENT_CHARS } from '../github-limits.js';

export interface PullRequestTaskLine {
  specDir: string;
  id: string;
  /** The task's text, or null when it could not be read. */
  title: string | null;
  /** The task issue's address, or null when the task has none yet. */
  url: string | null;
}

export interface PullRequestCommentView {
  merged: boolean;
  closes: PullRequestTaskLine[];
  mentions: PullRequestTaskLine[];
  /** One sentence per ambiguous reference (`describeAmbiguity`). */
  ambiguous: string[];
  /** References as written that name no known task or task issue. */
  unresolved: string[];
  /** What the merge did beyond the list: a write-back pull request, write-back turned off. */
  notes: string[];
}

/**
 * The pull request comment: the marker first (so a repository's own template cannot drop it), then the
 * rendered template. Task text is Markdown, made inert by the template engine's text rule.
 */
export function renderPullRequestComment(
  view: PullRequestCommentView,
  template: string,
  rule: TextRule = {},
): string {
  const data = {
    ...view,
    closes: view.closes.map(withLabel),
    mentions: view.mentions.map(withLabel),
  };
  const body = `${PR_TASKS_MARKER}\n${renderTemplate('pull request comment', template, data, rule).trim()}\n`;
  return fitWithNote(
    body,
    MAX_COMMENT_CHARS,
    '\n\n… (cut: the list is longer than a GitHub comment can hold)\n',
  );
}

function withLabel(line: PullRequestTaskLine) {
  return { ...line, label: line.id };
}

/** True when there is nothing to say: no task, no mention, nothing unresolved and no note. */
export function isEmptyView(view: PullRequestCommentView): boolean {
  return (
    view.closes.length + view.mentions.length + view.ambiguous.length + view.unresolved.length === 0 &&
    view.notes.length === 0
  );
}
