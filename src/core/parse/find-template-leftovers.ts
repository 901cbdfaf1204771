import type { Finding } from '../model.js';

/** Text the spec-kit and cc-sdd templates carry that a filled-in tasks.md should no longer contain. */
const LEFTOVERS: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /\bT(?:XXX|xxx|###|0NN|<NNN>)(?!\w)/u, what: 'a placeholder task ID' },
  { pattern: /\[FEATURE(?: NAME)?\]/u, what: 'the [FEATURE NAME] placeholder' },
  { pattern: /\[###-feature-name\]/u, what: 'the [###-feature-name] placeholder' },
  { pattern: /\{\{\s*[\w.-]+\s*\}\}/u, what: 'a {{…}} template field' },
  { pattern: /ACTION REQUIRED/u, what: 'an ACTION REQUIRED instruction' },
  { pattern: /SAMPLE TASKS for illustration purposes only/iu, what: 'the sample-tasks notice' },
  { pattern: /__SPECKIT_[A-Z_]+__/u, what: 'a template command marker' },
];

/** One finding per line of `source` that holds template text; `firstLine` is the line `source` starts on. */
export function findTemplateLeftovers(source: string, firstLine: number): Finding[] {
  const findings: Finding[] = [];
  source.split('\n').forEach((text, index) => {
    const hit = LEFTOVERS.find(({ pattern }) => pattern.test(text));
    if (!hit) return;
    const match = hit.pattern.exec(text)?.[0] ?? '';
    findings.push({
      code: 'template-leftover',
      severity: 'warning',
      line: firstLine + index,
      message: `Template text left in the file: ${hit.what} (${match}). Replace it with the real content or remove it.`,
    });
  });
  return findings;
}
