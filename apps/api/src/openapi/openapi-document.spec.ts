import pino from 'pino';
import request from 'supertest';
import { InMemoryPatternService } from '@motif/patterns/testing';
import { createApp } from '../app';
import { ROUTES } from '../routes/route-table';
import { fakeConfig } from '../testing/fake-config';
import { buildOpenApiDocument, openApiPath } from './openapi-document';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every `$ref` in the document, so dangling references are caught. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument(ROUTES) as Json;

  it('is OpenAPI 3.1 with info, paths and components', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
  });

  it('documents every route of the table, with its method and unique operationId', () => {
    const ids = new Set<string>();
    for (const r of ROUTES) {
      const op = doc.paths[openApiPath(r.path)]?.[r.method];
      expect(op).toBeDefined();
      expect(op.operationId).toBe(r.operationId);
      ids.add(op.operationId);
    }
    expect(ids.size).toBe(ROUTES.length);
  });

  it('has no dangling $ref', () => {
    const schemas = Object.keys(doc.components.schemas);
    for (const ref of refs(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas).toContain(ref.split('/').pop());
    }
  });

  it('derives request bodies from the validating zod schemas (recursive structure node shared)', () => {
    const store = doc.paths['/v1/patterns'].post;
    expect(store.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/PatternInput');
    const input = doc.components.schemas.PatternInput;
    expect(input.required).toEqual(['description']);
    expect(input.additionalProperties).toBe(false);
    expect(input.properties.description.maxLength).toBe(10_000);
    expect(JSON.stringify(input.properties.structure)).toContain('#/components/schemas/StructureNode');
    expect(doc.components.schemas.StructureNode.properties.children.items.$ref).toBe('#/components/schemas/StructureNode');
    expect(doc.components.schemas.SearchRequest.properties.mode.enum).toEqual(['hybrid', 'semantic', 'lexical', 'structure']);
  });

  it('documents response bodies with their schemas', () => {
    const ok = doc.paths['/v1/patterns/{id}'].get.responses['200'].content['application/json'].schema;
    expect(ok).toEqual({ $ref: '#/components/schemas/InstancePattern' });
    const pattern = doc.components.schemas.InstancePattern;
    expect(pattern.required).toEqual(expect.arrayContaining(['patternId', 'dslNotation', 'feedbackCounts', 'createdAt']));
    expect(pattern.properties.feedback).toEqual({ anyOf: [{ type: 'string', enum: ['positive', 'negative'] }, { type: 'null' }] });
    expect(doc.components.schemas.StoreResult.properties.pattern).toEqual({ $ref: '#/components/schemas/InstancePattern' });
    for (const [path, ops] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(ops as Json)) {
        const okStatus = Object.keys((op as Json).responses).find((st) => st.startsWith('2') && st !== '204');
        if (!okStatus || ['/metrics', '/docs', '/openapi.json', '/', '/patterns/{id}', '/assets/{file}'].includes(path)) continue;
        expect({ path, method, ref: JSON.stringify((op as Json).responses[okStatus].content) }).toEqual({ path, method, ref: expect.stringContaining('#/components/schemas/') });
      }
    }
  });

  it('turns query schemas into query parameters and documents namespace query + header', () => {
    const list = doc.paths['/v1/patterns'].get;
    const names = list.parameters.map((p: Json) => `${p.in}:${p.name}`);
    expect(names).toEqual(expect.arrayContaining(['query:cursor', 'query:limit', 'query:feedback', 'query:component', 'query:tag', 'query:namespace', 'header:X-Motif-Namespace']));
    const get = doc.paths['/v1/patterns/{id}'].get;
    expect(get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
  });

  it('documents POST /mcp: JSON-RPC in and out, behind the API keys', () => {
    const mcp = doc.paths['/mcp'];
    expect(mcp.post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/JsonRpcRequest' });
    expect(mcp.post.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/JsonRpcResponse' });
    expect(Object.keys(mcp.post.responses)).toEqual(expect.arrayContaining(['401', '403', '413']));
    expect(mcp.post.security).toBeUndefined(); // the document's key schemes apply
    expect(mcp.post.description).toMatch(/GET .* DELETE .* 405/);
  });

  it('errors are problem+json; open routes need no key', () => {
    expect(doc.paths['/v1/patterns/{id}'].get.responses['404'].content['application/problem+json']).toBeDefined();
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    expect(doc.security).toEqual([{ apiKey: [] }, { bearer: [] }]);
  });

  it('every documented operation answers on the app (never 404/405 for its method)', async () => {
    const app = createApp({ config: fakeConfig(), service: new InMemoryPatternService() }, { logger: pino({ level: 'silent' }) });
    const served = (await request(app).get('/openapi.json')).body as Json;
    expect(served).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(ROUTES))));
    for (const [path, ops] of Object.entries(served.paths as Json)) {
      for (const method of Object.keys(ops as Json)) {
        const url = path.replace(/\{[^}]+\}/g, 'p_unknown');
        const res = await (request(app) as unknown as Record<string, (u: string) => request.Test>)[method](url).send(method === 'post' ? {} : undefined);
        // A 404 may come from the service (unknown pattern id), never from the router.
        const routed = res.status !== 405 && !(res.status === 404 && /^no route/.test(res.body.detail));
        expect({ method, path, routed }).toEqual({ method, path, routed: true });
      }
    }
  });
});

describe('docs page', () => {
  it('is self-contained HTML embedding the document (no external scripts or styles)', async () => {
    const app = createApp({ config: fakeConfig(), service: new InMemoryPatternService() }, { logger: pino({ level: 'silent' }) });
    const res = await request(app).get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<script id="openapi" type="application/json">');
    expect(res.text).toContain('"operationId":"storePattern"');
    expect(res.text).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(cdn|unpkg|jsdelivr)/);
  });
});
