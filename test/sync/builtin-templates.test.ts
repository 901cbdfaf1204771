import { readdirSync } from 'node:fs';
import { expect, it } from '@jest/globals';
import { BUILTIN_TEMPLATES, builtinTemplate, warmBuiltinTemplates } from '../../src/sync/shared/templates.js';

it('warms every template the package ships, and each can be read', () => {
  const shipped = readdirSync(new URL('../../templates/', import.meta.url)).sort();
  expect([...BUILTIN_TEMPLATES].sort()).toEqual(shipped);
  for (const name of BUILTIN_TEMPLATES) expect(builtinTemplate(name).length).toBeGreaterThan(0);
  expect(() => warmBuiltinTemplates()).not.toThrow();
});
