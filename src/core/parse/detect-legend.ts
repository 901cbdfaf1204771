import type { List } from 'mdast';
import { sourceOf } from './markdown-tree.js';
import { readTaskLine } from './read-task-line.js';

/** Words a status legend explains (`- [ ] Pending`, `- [x] Completed`, `- [-] In progress — being worked on`). */
const STATUS_WORD =
  /^(?:\*\*|__|\*|_)?(?:pending|completed?|done|finished|in[ -]progress|ongoing|blocked|not started|to ?do|open|skipped|cancell?ed|deferred|queued|optional(?: task)?|failed|wip|reverted|sequential|parallel(?:izable)?)(?:\*\*|__|\*|_)?\s*(?:$|[:：=—–(-])/iu;

/**
 * A list explaining what the boxes mean rather than listing work: two or more boxes, none with an ID,
 * each naming a status. Read neither as tasks nor as a task's checklist (docs/formats.md, "Status legends").
 */
export function isStatusLegend(list: List, text: string): boolean {
  if (list.children.length < 2) return false;
  return list.children.every((item) => {
    const head = sourceOf(text, item).split('\n')[0] ?? '';
    const line = readTaskLine(head);
    return line !== null && line.id === null && STATUS_WORD.test(line.rest);
  });
}
