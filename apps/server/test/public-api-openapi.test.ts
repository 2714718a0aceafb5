import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

/**
 * The OpenAPI document integrators read: structurally valid OpenAPI 3.0 (no validator package is
 * installed, so the rules that matter are checked here), and every public route in it with a
 * description holding ready-to-run examples.
 */
let app: TestApp;
type Json = Record<string, unknown>;
let doc: Json & { paths: Record<string, Record<string, Json>> };

beforeAll(async () => {
  app = await startTestApp();
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  doc = response.json();
});
afterAll(async () => app?.close());

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);

/** Every problem under a schema: unknown types (3.0 has no `null` type nor type lists) and dangling $refs. */
function schemaProblems(schema: unknown, where: string, problems: string[]): void {
  if (Array.isArray(schema)) return schema.forEach((s, i) => schemaProblems(s, `${where}[${i}]`, problems));
  if (!schema || typeof schema !== 'object') return;
  const node = schema as Json;
  if ('type' in node && !(typeof node.type === 'string' && TYPES.has(node.type)))
    problems.push(`${where}: type ${JSON.stringify(node.type)}`);
  if (typeof node.$ref === 'string') {
    const target = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((at, key) => (at as Json | undefined)?.[key], doc);
    if (target === undefined) problems.push(`${where}: dangling $ref ${node.$ref}`);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples') continue;
    // Under `properties` the keys are field names (a field may be called "type"), the values schemas.
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [field, sub] of Object.entries(value)) schemaProblems(sub, `${where}.properties.${field}`, problems);
    } else schemaProblems(value, `${where}.${key}`, problems);
  }
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.0 with operations, responses and path parameters as the specification requires', () => {
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const problems: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith('/')).toBe(true);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (!METHODS.includes(method)) {
          problems.push(`${where}: not an HTTP method`);
          continue;
        }
        const responses = operation.responses as Record<string, Json> | undefined;
        if (!responses || Object.keys(responses).length === 0) problems.push(`${where}: no responses`);
        for (const [code, response] of Object.entries(responses ?? {})) {
          if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) problems.push(`${where}: response code ${code}`);
          if (typeof response.description !== 'string') problems.push(`${where} ${code}: a response needs a description`);
        }
        const parameters = (operation.parameters ?? []) as Json[];
        for (const parameter of parameters) {
          if (typeof parameter.name !== 'string' || !['query', 'header', 'path', 'cookie'].includes(parameter.in as string))
            problems.push(`${where}: bad parameter ${JSON.stringify(parameter)}`);
        }
        for (const name of templated) {
          const declared = parameters.find((p) => p.in === 'path' && p.name === name);
          if (!declared || declared.required !== true) problems.push(`${where}: path parameter ${name} must be declared and required`);
        }
        if (path.startsWith('/api/v1/')) schemaProblems(operation, where, problems);
      }
    }
    expect(problems).toEqual([]);
    expect(doc.components).toHaveProperty(['securitySchemes', 'bearer', 'scheme'], 'bearer');
  });

  it('holds every public API route, each with its scope and curl and JavaScript examples', () => {
    const v1 = app.server.routes.filter((r) => r.url.startsWith('/api/v1/'));
    expect(v1.length).toBeGreaterThanOrEqual(12);
    for (const route of v1) {
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      for (const method of ([] as string[]).concat(route.method).filter((m) => m !== 'HEAD')) {
        const operation = doc.paths[path]?.[method.toLowerCase()];
        expect(operation, `${method} ${path} is missing from the document`).toBeDefined();
        expect(operation!.summary, `${method} ${path}`).toContain(`scope ${route.config!.apiScope!}`);
        expect(operation!.description, `${method} ${path}`).toEqual(expect.stringContaining('curl -X'));
        expect(operation!.description, `${method} ${path}`).toEqual(expect.stringContaining('await fetch('));
        expect(operation!.tags).toEqual(['public API v1']);
      }
    }
    const send = doc.paths['/api/v1/messages']!.post!;
    const body = (send.requestBody as { content: Record<string, { schema: Json }> }).content['application/json']!.schema;
    expect(body.example).toMatchObject({ connectionId: 1, to: expect.stringMatching(/^\+55/) });
    expect(Object.keys(body.properties as Json)).toEqual(expect.arrayContaining(['text', 'media', 'template', 'quickResponse', 'ticket']));
  });
});
