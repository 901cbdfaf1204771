import type { SpecFile } from '../../core/gates/types.js';
import { blobUrl } from '../../core/render/issue/issue-view.js';
import { readSpecSummary } from '../../core/specs/spec-summary.js';
import { LINKED_DOCUMENTS, type LinkedDocument } from '../../core/structure/render-spec-parent.js';

/** What the spec's parent issue says besides its tasks: the summary line and links to the documents. */
export interface SpecParentIntro {
  summary: string | null;
  documentUrls: Partial<Record<LinkedDocument, string>>;
}

/**
 * The parent's summary (spec.md's, else Kiro's requirements.md's) and links to the documents the spec's
 * directory holds at the tracking branch; tasks.md always. `documents` are those the check reads too.
 */
export function specParentIntro(
  documents: Readonly<Record<string, SpecFile | undefined>>,
  where: { htmlBase: string; branch: string; specDir: string; tasksPath: string },
): SpecParentIntro {
  const source = documents['spec.md'] ?? documents['requirements.md'] ?? null;
  const documentUrls: Partial<Record<LinkedDocument, string>> = {};
  for (const name of LINKED_DOCUMENTS) {
    const path = name === 'tasks.md' ? where.tasksPath : documents[name]?.path;
    if (path) documentUrls[name] = blobUrl(where, path);
  }
  return { summary: source ? readSpecSummary(source.text) : null, documentUrls };
}
