import type { Task } from '../../model.js';

import { MAX_ISSUE_TITLE_LENGTH } from '../github-limits.js';

export { MAX_ISSUE_TITLE_LENGTH } from '../github-limits.js';

/** One line, within GitHub's limit: whitespace runs become one space, a longer line is cut and ends in `…`. */
export function fitIssueTitle(line: string): string {
  const oneLine = line.replace(/\s+/g, ' ').trim();
  const chars = Array.from(oneLine);
  if (chars.length <= MAX_ISSUE_TITLE_LENGTH) return oneLine;
  return `${chars
    .slice(0, MAX_ISSUE_TITLE_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}

/** One line, within GitHub's limit; a template that renders nothing falls back to `ID title`. */
export function renderIssueTitle(rendered: string, task: Pick<Task, 'id' | 'title'>): string {
  return fitIssueTitle(rendered.trim() === '' ? `${task.id} ${task.title}` : rendered);
}
