import type { Task } from '../../model.js';

import { MAX_ISSUE_TITLE_LENGTH } from '../github-limits.js';

export { MAX_ISSUE_TITLE_LENGTH } from '../github-limits.js';

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
