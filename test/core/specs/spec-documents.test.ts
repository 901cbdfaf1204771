import { describe, expect, it } from '@jest/globals';
import { GATE_DOCUMENT_NAMES } from '../../../src/core/gates/gate-documents.js';
import { specDocumentsOf } from '../../../src/core/specs/spec-documents.js';

describe('specDocumentsOf', () => {
  it('reads each gate document beside tasks.md, null where the reader has none', () => {
    const asked: string[] = [];
    const documents = specDocumentsOf('specs/002-billing', (path) => {
      asked.push(path);
      return path === 'specs/002-billing/spec.md' ? '# Spec\n' : null;
    });
    expect(asked).toEqual(GATE_DOCUMENT_NAMES.map((name) => `specs/002-billing/${name}`));
    expect(documents['spec.md']).toEqual({ path: 'specs/002-billing/spec.md', text: '# Spec\n' });
    expect(documents['plan.md']).toBeNull();
  });

  it('reads a spec at the repository root without a leading directory', () => {
    const documents = specDocumentsOf('.', (path) => (path === 'plan.md' ? '# Plan\n' : null));
    expect(documents['plan.md']).toEqual({ path: 'plan.md', text: '# Plan\n' });
  });
});
