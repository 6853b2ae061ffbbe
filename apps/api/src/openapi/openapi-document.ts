import { CardNodeSchema, LIMITS, NamespaceSchema, StructureNodeSchema } from '@motif/core-types';
import { z } from 'zod';
import type { RouteDef } from '../routes/route-types';
import { requiredRole } from '../routes/route-roles';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = Record<string, unknown> & { openapi: string; paths: Record<string, Record<string, unknown>> };

export interface OpenApiOptions {
  title?: string;
  version?: string;
  serverUrl?: string;
  apiKeyRequired?: boolean;
}

/** `/v1/patterns/:id` → `/v1/patterns/{id}`. */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details (`application/problem+json`).',
  required: ['type', 'title', 'status', 'detail', 'code', 'errors'],
  properties: {
    type: { type: 'string', format: 'uri', examples: ['https://motif.dev/problems/validation-failed'] },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable error code (VALIDATION_FAILED, NOT_FOUND, …).' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string', description: 'JSON path of the field, e.g. `/instanceParams/buttons/0/url`.' }, message: { type: 'string' } } },
    },
  },
  additionalProperties: true,
};

/**
 * Builds the OpenAPI 3.1 document from the route table: request bodies and query parameters are
 * `z.toJSONSchema` of the very schemas the routes validate with, so the two cannot drift apart.
 */
export function buildOpenApiDocument(routes: readonly RouteDef[], options: OpenApiOptions = {}): OpenApiDocument {
  const registry = z.registry<{ id: string }>();
  // Registered so the recursive structure node is one shared component, not an inline copy per use.
  registry.add(StructureNodeSchema, { id: 'StructureNode' });
  registry.add(CardNodeSchema, { id: 'CardNode' });
  const seen = new Map<z.ZodType, string>();
  for (const r of routes) {
    for (const part of [r.body, r.query, ...Object.values(r.responses).map((d) => d.body)]) {
      if (!part || seen.has(part.schema)) continue;
      seen.set(part.schema, part.name);
      registry.add(part.schema, { id: part.name });
    }
  }
  const generated = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, JsonSchema>;
  const schemas: Record<string, JsonSchema> = { Problem: PROBLEM_SCHEMA };
  for (const [id, schema] of Object.entries(generated)) {
    const { $schema: _s, $id: _i, ...rest } = schema;
    schemas[id] = rest;
  }
  const namespaceSchema = stripMeta(z.toJSONSchema(NamespaceSchema, { target: 'draft-2020-12', io: 'input' }) as JsonSchema);

  const paths: OpenApiDocument['paths'] = {};
  for (const r of routes) {
    const parameters: JsonSchema[] = [];
    for (const [, name] of r.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
      parameters.push({ name, in: 'path', required: true, schema: { type: 'string', minLength: 1 } });
    }
    if (r.query) {
      const qs = schemas[r.query.name];
      const props = (qs.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((qs.required ?? []) as string[]);
      for (const [name, schema] of Object.entries(props)) {
        if (name === 'namespace') continue;
        const multi = JSON.stringify(schema).includes('"type":"array"');
        parameters.push({ name, in: 'query', required: required.has(name), schema, ...(multi ? { style: 'form', explode: true, description: 'Repeat the parameter for several values.' } : {}) });
      }
    }
    if (r.namespaced) {
      parameters.push({ name: 'namespace', in: 'query', required: false, schema: namespaceSchema, description: 'Namespace; wins over the header. Default: the configured namespace.' });
      parameters.push({ name: 'X-Motif-Namespace', in: 'header', required: false, schema: namespaceSchema, description: 'Namespace, when the query has none.' });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, doc] of Object.entries(r.responses)) {
      const isError = Number(status) >= 400;
      const content = isError
        ? { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }
        : doc.contentType
          ? { content: { [doc.contentType]: { schema: doc.body ? { $ref: `#/components/schemas/${seen.get(doc.body.schema)}` } : doc.contentType.includes('json') ? { type: 'object' } : { type: 'string' } } } }
          : {};
      responses[status] = { description: doc.description, ...content };
    }
    if (!r.open) {
      responses['401'] ??= { description: 'Missing or wrong API key (only when the server has one).', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
      responses['403'] ??= { description: `The API key lacks the role this route needs (\`${requiredRole(r)}\`) or may not use the namespace (scoped keys, \`MOTIF_API_KEYS\`).`, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
      if (r.body) responses['413'] ??= { description: 'Body over the configured limit.', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    }
    const operation: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${r.body.name}` } } } } } : {}),
      responses,
      ...(r.open ? { security: [] } : {}),
    };
    const p = openApiPath(r.path);
    paths[p] = { ...(paths[p] ?? {}), [r.method]: operation };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Motif API',
      version: options.version ?? '0.1.0',
      description: `Store, vary and find UI component patterns. Errors are \`application/problem+json\`. Limits: search results ≤ ${LIMITS.searchLimitMax}, variations per kind ≤ ${LIMITS.variationsMax}.`,
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: [
      { name: 'patterns', description: 'Store, read, list, delete and rate patterns.' },
      { name: 'search', description: 'Hybrid search and recommendations.' },
      { name: 'variations', description: 'Variation families and random variations.' },
      { name: 'cards', description: 'Google Chat Card v2 messages, ready to send.' },
      { name: 'structures', description: 'DSL, structure validation and the catalog.' },
      { name: 'system', description: 'Health, readiness, metrics and this document.' },
      { name: 'gallery', description: 'The gallery pages (`/`, `/patterns/{id}`) and their assets.' },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    // Both schemes are accepted when the server has a key; open routes override with `security: []`.
    ...(options.apiKeyRequired ? { security: [{ apiKey: [] }, { bearer: [] }] } : {}),
  };
}

function stripMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}
