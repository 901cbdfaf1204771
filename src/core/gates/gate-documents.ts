import type { GateInput, Violation } from './types.js';

/** Every document a gate may read: the caller fetches these from the spec's directory. */
export const GATE_DOCUMENT_NAMES = [
  'spec.md',
  'plan.md',
  'requirements.md',
  'design.md',
  'research.md',
] as const;

/** Which documents each workflow writes before its tasks.md, told apart by where the spec lives. */
const REQUIRED_BY_LAYOUT: ReadonlyArray<{ pattern: RegExp; layout: string; required: string[] }> = [
  { pattern: /(^|\/)\.kiro\/specs\//, layout: 'Kiro', required: ['requirements.md', 'design.md'] },
  {
    pattern: /(^|\/)\.spec-workflow\/specs\//,
    layout: 'spec-workflow',
    required: ['requirements.md', 'design.md'],
  },
  { pattern: /(^|\/)\.agent-os\/specs\//, layout: 'Agent OS', required: ['spec.md'] },
  { pattern: /(^|\/)specs\//, layout: 'spec-kit', required: ['spec.md', 'plan.md'] },
];

/** The documents a spec at `tasksPath` must have, and the workflow that says so (none for unknown layouts). */
export function requiredDocuments(tasksPath: string): { layout: string; required: string[] } | null {
  const rule = REQUIRED_BY_LAYOUT.find(({ pattern }) => pattern.test(tasksPath));
  return rule ? { layout: rule.layout, required: rule.required } : null;
}

export function gateDocuments(input: GateInput): Violation[] {
  const rule = requiredDocuments(input.tasksPath);
  if (!rule) return [];
  const missing = rule.required.filter((name) => !input.documents[name]);
  if (missing.length === 0) return [];
  return [
    {
      gate: 'documents',
      path: input.tasksPath,
      line: 1,
      message: `${missing.join(' and ')} missing in ${input.specDir}: a ${rule.layout} spec writes ${rule.required.join(' and ')} before tasks.md.`,
    },
  ];
}
