import { GATE_DOCUMENT_NAMES } from '../../core/gates/gate-documents.js';
import type { SpecFile } from '../../core/gates/types.js';
import type { RepositoryFiles } from '../../github/gateway.js';

/** The spec's other documents at the commit: one directory listing, then only the files
 * that exist and were not read before. */
export async function readSpecDocuments(
  gateway: RepositoryFiles,
  ref: string,
  dir: string,
): Promise<Record<string, SpecFile>> {
  const present = new Map((await gateway.listDirectory(ref, dir)).map((entry) => [entry.name, entry.sha]));
  const documents: Record<string, SpecFile> = {};
  for (const name of GATE_DOCUMENT_NAMES) {
    const path = `${dir}/${name}`;
    const sha = present.get(name);
    // Unchanged documents (most pushes touch only tasks.md) cost no read.
    const file = sha === undefined ? null : await gateway.readKnownFile(ref, path, sha);
    documents[name] = file ? { path, text: file.text } : null;
  }
  return documents;
}
