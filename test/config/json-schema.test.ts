import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
// @ts-expect-error: a plain ES module script without type declarations
import { generateConfigSchema, SCHEMA_FILE } from '../../scripts/config-json-schema.mjs';
import { configSchema } from '../../src/config/schema.js';

const committed = readFileSync(SCHEMA_FILE as URL, 'utf8');
const validate = new Ajv({ strict: false }).compile(JSON.parse(committed));

describe('schema/spec-sync.schema.json', () => {
  it('is what the zod schema generates (run `npm run schema` after changing src/config/schema.ts)', () => {
    expect(committed).toBe((generateConfigSchema as (schema: unknown) => string)(configSchema));
  });

  it('accepts the examples config and the config docs/configuration.md shows', () => {
    const example = parseYaml(
      readFileSync(new URL('../../examples/.github/spec-sync.yml', import.meta.url), 'utf8'),
    );
    expect(validate(example)).toBe(true);
    expect(
      validate({
        _extends: '.github',
        gates: { checkpoints: 'error' },
        issues: { labels: { parallel: '' } },
      }),
    ).toBe(true);
  });

  it.each([
    ['a misspelt key', { gate: {} }],
    ['an unknown gate level', { gates: { phaseOrder: 'loud' } }],
    ['an empty specs list', { specs: [] }],
    ['an unknown write-back mode', { pullRequests: { writeBack: 'push' } }],
  ])('rejects %s, as the app does', (_, config) => {
    expect(validate(config)).toBe(false);
    expect(configSchema.safeParse(config).success).toBe(false);
  });

  it('describes each field from the schema comments', () => {
    const schema = JSON.parse(committed);
    expect(schema.properties.specs.description).toMatch(/^Globs of the task files/);
    expect(schema.properties.gates.properties.phaseOrder.description).toMatch(/phase that blocks/);
    expect(schema.properties.issues.properties.labels.properties.spec.default).toBe('spec:{spec}');
  });
});
