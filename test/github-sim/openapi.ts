import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** The parts of GitHub's OpenAPI description the simulator reads. */
type Json = Record<string, unknown>;
interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
}
interface OperationSpec {
  operationId?: string;
  parameters?: Json[];
  requestBody?: Json;
  responses?: Record<string, Json>;
}
export interface RouteMatch {
  /** The OpenAPI path template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`. */
  template: string;
  params: Record<string, string>;
  /** False when the path exists but not with this method. */
  methodAllowed: boolean;
}
export interface ValidationProblem {
  message: string;
  errors: { resource: string; field: string; code: string; message?: string }[];
}

const SPEC_PATH = 'node_modules/@octokit/openapi/generated/api.github.com.json';
// These parameters may hold slashes (`specs/001-x/tasks.md`, `heads/feature/a`, `main...feature/a`).
const GREEDY_PARAMS = new Set(['path', 'ref', 'basehead']);
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface CompiledRoute {
  template: string;
  strict: RegExp;
  greedy: RegExp | undefined;
  names: string[];
  literalCount: number;
}

let loaded: OpenApi | undefined;

/** Loads GitHub's OpenAPI description once per process (13 MB of JSON). */
export function loadOpenApi(): OpenApi {
  loaded ??= new OpenApi(readSpec());
  return loaded;
}

function readSpec(): Json {
  const require = createRequire(import.meta.url);
  let file = SPEC_PATH;
  try {
    file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  } catch {
    // the package's exports may hide the file; fall back to the working directory
  }
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Json;
  rewriteNullable(spec.paths);
  rewriteNullable(spec.components);
  return spec;
}

/** OpenAPI 3.0 `nullable` is not JSON Schema: turn it into a union with null so ajv understands it. */
function rewriteNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteNullable(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const object = node as Json;
  for (const value of Object.values(object)) rewriteNullable(value);
  if (!('nullable' in object)) return;
  const nullable = object.nullable === true;
  delete object.nullable;
  if (!nullable) return;
  if (typeof object.type === 'string') {
    object.type = [object.type, 'null'];
    if (Array.isArray(object.enum) && !object.enum.includes(null)) object.enum.push(null);
    return;
  }
  const rest = { ...object };
  for (const key of Object.keys(object)) delete object[key];
  object.anyOf = [rest, { type: 'null' }];
}

function pointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function compileRoute(template: string): CompiledRoute {
  const names: string[] = [];
  let literalCount = 0;
  const parts = template.split('/').slice(1);
  const build = (greedy: boolean) =>
    parts
      .map((part) => {
        const name = /^\{(.+)\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return greedy && GREEDY_PARAMS.has(name) ? '(.+)' : '([^/]+)';
      })
      .join('/');
  for (const part of parts) {
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    if (name === undefined) literalCount += 1;
    else names.push(name);
  }
  const hasGreedy = names.some((name) => GREEDY_PARAMS.has(name));
  return {
    template,
    names,
    literalCount,
    strict: new RegExp(`^/${build(false)}$`),
    greedy: hasGreedy ? new RegExp(`^/${build(true)}$`) : undefined,
  };
}

function formatErrors(
  errors: ErrorObject[] | null | undefined,
  resource: string,
): ValidationProblem['errors'] {
  return (errors ?? []).slice(0, 10).map((error) => ({
    resource,
    field:
      error.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
      String(error.params.missingProperty ?? ''),
    code: error.keyword === 'required' ? 'missing_field' : 'invalid',
    message: `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`,
  }));
}

type FormatsPlugin = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS: depending on the loader its default export is the plugin or the module object.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

function newAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    strict: false,
    allowUnionTypes: true,
    validateSchema: false,
    allErrors: true,
    logger: false,
    coerceTypes,
  });
  addFormats(ajv);
  return ajv;
}

const SCHEMA_ID = 'github-openapi';

/** Route matching and schema validation built from GitHub's OpenAPI description. */
export class OpenApi {
  readonly #spec: Json;
  readonly #routes: CompiledRoute[];
  readonly #bodyAjv = newAjv(false);
  readonly #paramAjv = newAjv(true);
  readonly #cache = new Map<string, ValidateFunction | null>();

  constructor(spec: Json) {
    this.#spec = spec;
    const paths = spec.paths as Record<string, Json>;
    this.#routes = Object.keys(paths)
      .map(compileRoute)
      .sort((a, b) => b.literalCount - a.literalCount);
    this.#bodyAjv.addSchema({ paths: spec.paths, components: spec.components }, SCHEMA_ID);
  }

  /** Finds the template for a request path; single-segment matches win over greedy ones. */
  match(method: string, path: string): RouteMatch | undefined {
    const found = this.#find(path, false) ?? this.#find(path, true);
    if (found === undefined) return undefined;
    const [route, values] = found;
    const params: Record<string, string> = {};
    route.names.forEach((name, index) => {
      params[name] = safeDecode(values[index] ?? '');
    });
    return {
      template: route.template,
      params,
      methodAllowed: this.#operation(route.template, method) !== undefined,
    };
  }

  #find(path: string, greedy: boolean): [CompiledRoute, string[]] | undefined {
    for (const route of this.#routes) {
      const regex = greedy ? route.greedy : route.strict;
      const values = regex?.exec(path);
      if (values) return [route, values.slice(1)];
    }
    return undefined;
  }

  #operation(template: string, method: string): OperationSpec | undefined {
    const item = (this.#spec.paths as Record<string, Json>)[template];
    const key = method.toLowerCase();
    if (!item || !HTTP_METHODS.includes(key)) return undefined;
    return item[key] as OperationSpec | undefined;
  }

  /** Checks path and query parameters and the JSON body; undefined when the request is valid. */
  validateRequest(
    method: string,
    match: RouteMatch,
    query: URLSearchParams,
    body: unknown,
  ): ValidationProblem | undefined {
    const operation = this.#operation(match.template, method);
    if (!operation) return undefined;
    const paramProblem = this.#validateParams(method, match, operation, query);
    if (paramProblem) return paramProblem;
    return this.#validateBody(method, match.template, operation, body);
  }

  #parameters(operation: OperationSpec): ParameterSpec[] {
    return (operation.parameters ?? []).map(
      (parameter) => this.#resolve(parameter) as unknown as ParameterSpec,
    );
  }

  #resolve(node: Json): Json {
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    let current: unknown = this.#spec;
    for (const segment of ref.replace(/^#\//, '').split('/')) {
      current = (current as Json)[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
    }
    return current as Json;
  }

  #validateParams(
    method: string,
    match: RouteMatch,
    operation: OperationSpec,
    query: URLSearchParams,
  ): ValidationProblem | undefined {
    const key = `params ${method} ${match.template}`;
    let validate = this.#cache.get(key);
    if (validate === undefined) {
      validate = this.#compileParams(operation);
      this.#cache.set(key, validate);
    }
    if (validate === null) return undefined;
    const values: Record<string, string> = { ...match.params };
    for (const [name, value] of query) values[name] = value;
    if (validate(values)) return undefined;
    return {
      message: `Invalid request.\n\n${describe(validate.errors)}`,
      errors: formatErrors(validate.errors, 'Parameters'),
    };
  }

  #compileParams(operation: OperationSpec): ValidateFunction | null {
    const properties: Record<string, Json> = {};
    const required: string[] = [];
    for (const parameter of this.#parameters(operation)) {
      if (parameter.in !== 'path' && parameter.in !== 'query') continue;
      const schema = parameter.schema ?? {};
      // query strings cannot carry arrays or objects; only scalar parameters are checked
      if (schema.type === 'array' || schema.type === 'object' || '$ref' in schema) continue;
      properties[parameter.name] = schema;
      if (parameter.required) required.push(parameter.name);
    }
    try {
      return this.#paramAjv.compile({ type: 'object', properties, required });
    } catch {
      return null;
    }
  }

  #validateBody(method: string, template: string, operation: OperationSpec, body: unknown) {
    const requestBody = operation.requestBody ? this.#resolve(operation.requestBody) : undefined;
    if (!requestBody) return undefined;
    const content = requestBody.content as Record<string, Json> | undefined;
    if (!content?.['application/json']) return undefined;
    if (body === undefined) {
      if (requestBody.required !== true) return undefined;
      return { message: 'Invalid request.\n\nNo body given.', errors: [] };
    }
    const pointer = [
      'paths',
      template,
      method.toLowerCase(),
      'requestBody',
      'content',
      'application/json',
      'schema',
    ]
      .map(pointerSegment)
      .join('/');
    const validate = this.#compilePointer(pointer);
    if (!validate || validate(body)) return undefined;
    return {
      message: `Invalid request.\n\n${describe(validate.errors)}`,
      errors: formatErrors(validate.errors, 'Body'),
    };
  }

  #compilePointer(pointer: string): ValidateFunction | null {
    let validate = this.#cache.get(pointer);
    if (validate !== undefined) return validate;
    try {
      validate = this.#bodyAjv.compile({ $ref: `${SCHEMA_ID}#/${pointer}` });
    } catch {
      validate = null;
    }
    this.#cache.set(pointer, validate);
    return validate;
  }

  /** Checks a response body against the operation's schema for that status; returns error text or undefined. */
  validateResponse(method: string, template: string, status: number, body: unknown): string | undefined {
    const operation = this.#operation(template, method);
    const response = operation?.responses?.[String(status)];
    if (!response) return status >= 400 ? undefined : `no ${status} response documented`;
    const ref = response.$ref;
    const base =
      typeof ref === 'string'
        ? ref.replace(/^#\//, '')
        : ['paths', template, method.toLowerCase(), 'responses', String(status)]
            .map(pointerSegment)
            .join('/');
    const content = this.#resolve(response).content as Record<string, Json> | undefined;
    if (!content?.['application/json']?.schema) return undefined;
    const validate = this.#compilePointer(`${base}/content/application~1json/schema`);
    if (!validate || validate(body)) return undefined;
    return describe(validate.errors);
  }
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map(
      (error) =>
        `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`,
    )
    .join('\n');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
