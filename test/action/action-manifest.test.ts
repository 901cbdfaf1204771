import { readFileSync } from 'node:fs';
import { expect, it } from '@jest/globals';
import { parse as parseYaml } from 'yaml';

interface ActionManifest {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Array<{ run?: string; env?: Record<string, string> }> };
}

const action = parseYaml(
  readFileSync(new URL('../../action.yml', import.meta.url), 'utf8'),
) as ActionManifest;
const entry = readFileSync(new URL('../../src/action/run-action.ts', import.meta.url), 'utf8');

it('passes every input to the entry as the runner names it (INPUT_ and the name upper-cased)', () => {
  const step = action.runs.steps.find((candidate) => candidate.run?.startsWith('node '));
  const expected = Object.fromEntries(
    Object.keys(action.inputs).map((name) => [`INPUT_${name.toUpperCase()}`, `\${{ inputs.${name} }}`]),
  );
  expect(step?.env).toEqual(expected);
});

it('reads only inputs that action.yml declares', () => {
  const read = [...entry.matchAll(/input\(env, '([^']+)'\)/g)].map((match) => match[1]);
  expect(read.length).toBeGreaterThan(0);
  expect(read.filter((name) => !(name! in action.inputs))).toEqual([]);
});

it('the example workflow uses the action with inputs it declares', () => {
  const workflow = parseYaml(
    readFileSync(new URL('../../examples/workflows/spec-sync.yml', import.meta.url), 'utf8'),
  ) as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }> };
  const uses = Object.values(workflow.jobs).flatMap((job) =>
    job.steps.filter((step) => step.uses?.startsWith('spec-sync/spec-sync@')),
  );
  expect(uses.length).toBeGreaterThan(0);
  for (const step of uses)
    expect(Object.keys(step.with ?? {}).filter((name) => !(name in action.inputs))).toEqual([]);
});
