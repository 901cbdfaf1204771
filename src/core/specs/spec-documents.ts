import { GATE_DOCUMENT_NAMES } from '../gates/gate-documents.js';
import type { SpecFile } from '../gates/types.js';

/** Where a spec's gate document lives: beside its tasks.md (`.` is the repository's root). */
export function specDocumentPath(specDir: string, name: string): string {
  return specDir === '.' || specDir === '' ? name : `${specDir}/${name}`;
}

/**
 * The spec's gate documents, each read through `read` (null: not there): the one loader the app (reading
 * through the gateway) and the CLI (reading the disk) share.
 */
export function specDocumentsOf(
  specDir: string,
  read: (path: string) => string | null,
): Record<string, SpecFile> {
  const documents: Record<string, SpecFile> = {};
  for (const name of GATE_DOCUMENT_NAMES) {
    const path = specDocumentPath(specDir, name);
    const text = read(path);
    documents[name] = text === null ? null : { path, text };
  }
  return documents;
}
