// The JSON Schema editors use for .github/spec-sync.yml, generated from the zod schema in
// src/config/schema.ts (its field comments become the descriptions). `npm run schema` (after a build) writes
// schema/spec-sync.schema.json; test/config/json-schema.test.ts fails when the committed file drifts.
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import { z } from 'zod';

const root = new URL('..', import.meta.url);
export const SCHEMA_FILE = new URL('schema/spec-sync.schema.json', root);
const SOURCE = new URL('src/config/schema.ts', root);

/** Each `z.object({...})` of the source, by the name of the const holding it: key → comment and nested object. */
function readComments(text) {
  const file = ts.createSourceFile('schema.ts', text, ts.ScriptTarget.Latest, true);
  const objects = new Map();
  const visit = (node, owner) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) owner = node.name.text;
    if (ts.isObjectLiteralExpression(node) && owner && !objects.has(owner)) {
      const fields = new Map();
      for (const property of node.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const doc = ts
          .getJSDocCommentsAndTags(property)
          .map((comment) => ts.getTextOfJSDocComment(comment.comment));
        const nested = ts.isIdentifier(property.initializer) ? property.initializer.text : null;
        fields.set(property.name.getText(file), {
          description: doc.join(' ').replace(/\s+/g, ' ').trim(),
          nested,
        });
      }
      objects.set(owner, fields);
    }
    ts.forEachChild(node, (child) => visit(child, owner));
  };
  visit(file, null);
  return objects;
}

function describe(jsonSchema, fields, objects) {
  for (const [key, property] of Object.entries(jsonSchema.properties ?? {})) {
    const field = fields?.get(key);
    if (!field) continue;
    if (field.description) property.description = field.description;
    if (field.nested) describe(property, objects.get(field.nested), objects);
  }
  return jsonSchema;
}

/** The schema file's text for the zod config schema (src/config/schema.ts's `configSchema`). */
export function generateConfigSchema(configSchema) {
  const generated = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-7' });
  const objects = readComments(readFileSync(SOURCE, 'utf8'));
  const described = describe(generated, objects.get('configSchema'), objects);
  const schema = {
    $schema: described.$schema,
    $id: 'https://github.com/spec-sync/spec-sync/blob/main/schema/spec-sync.schema.json',
    title: 'spec-sync configuration (.github/spec-sync.yml)',
    ...described,
  };
  // `_extends` is read by the loader (Probot's convention) before the zod schema sees the file.
  schema.properties = {
    _extends: {
      type: 'string',
      description:
        'Another config to start from: a repository (`.github`, `org/repo`, `org/repo:path.yml`); the CLI also takes a YAML file on disk.',
    },
    ...schema.properties,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && new URL(`file://${process.argv[1]}`).href === import.meta.url) {
  const { configSchema } = await import(new URL('dist/src/config/schema.js', root));
  writeFileSync(SCHEMA_FILE, generateConfigSchema(configSchema));
  process.stdout.write(`wrote ${SCHEMA_FILE.pathname}\n`);
}
