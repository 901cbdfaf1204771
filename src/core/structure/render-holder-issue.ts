import type { SpecDocument } from '../model.js';
import { fitIssueTitle } from '../render/issue/issue-title.js';
import { phaseNameById } from './phase-name.js';
import type { TreeNode } from './types.js';

function holderName(doc: SpecDocument, key: string): string {
  const part = /^part:(.+):(\d+)$/u.exec(key);
  if (part) return `${holderName(doc, part[1]!)} (part ${part[2]})`;
  if (key.startsWith('phase:'))
    return phaseNameById(doc, key.slice('phase:'.length), 'Tasks outside any phase');
  return key;
}

/**
 * Title and body of an issue that only holds sub-issues (a phase issue over 100 tasks, a numbered part):
 * `002-billing: Phase 2: Foundational (part 2)`, with a line saying what it holds.
 */
export function renderHolderIssue(
  doc: SpecDocument,
  specName: string,
  node: TreeNode,
): { title: string; body: string } {
  const name = holderName(doc, node.key);
  const count = node.children.length;
  const body = `${name} of ${specName}: ${count} sub-${count === 1 ? 'issue' : 'issues'} below, in the order of tasks.md. GitHub allows 100 sub-issues per issue, so larger specs are grouped this way.`;
  return { title: fitIssueTitle(`${specName}: ${name}`), body };
}
