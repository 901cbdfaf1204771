import { GATE_DOCUMENT_NAMES } from '../../core/gates/gate-documents.js';
import type { SpecFile } from '../../core/gates/types.js';
import { specDocumentPath, specDocumentsOf } from '../../core/specs/spec-documents.js';
import type { RepositoryFiles } from '../../github/gateway.js';

/** The spec's gate documents by name (`spec.md`…), null where absent. */
export type SpecDocumentFiles = Record<string, SpecFile>;

/**
 * The spec's other documents at the commit: one directory listing, then only the files that exist and were
 * not read before (a blob is known by its sha), handed to the loader the CLI shares.
 */
export async function readSpecDocuments(
  gateway: RepositoryFiles,
  ref: string,
  dir: string,
): Promise<SpecDocumentFiles> {
  const present = new Map((await gateway.listDirectory(ref, dir)).map((entry) => [entry.name, entry.sha]));
  const texts = new Map<string, string>();
  for (const name of GATE_DOCUMENT_NAMES) {
    const sha = present.get(name);
    const path = specDocumentPath(dir, name);
    // Unchanged documents (most pushes touch only tasks.md) cost no read.
    const file = sha === undefined ? null : await gateway.readKnownFile(ref, path, sha);
    if (file) texts.set(path, file.text);
  }
  return specDocumentsOf(dir, (path) => texts.get(path) ?? null);
}
