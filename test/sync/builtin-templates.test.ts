import { readdirSync } from 'node:fs';
import { expect, it } from '@jest/globals';
import { BUILTIN_TEMPLATES, builtinTemplate } from '../../src/sync/shared/templates.js';

it('lists every template the package ships for warming, and each can be read', () => {
  // warmBuiltinTemplates compiles exactly this list: a template missing from it would compile on first use
  const shipped = readdirSync(new URL('../../templates/', import.meta.url)).sort();
  expect([...BUILTIN_TEMPLATES].sort()).toEqual(shipped);
  for (const name of BUILTIN_TEMPLATES) expect(builtinTemplate(name).length).toBeGreaterThan(0);
});
