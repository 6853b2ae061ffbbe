import { CardNodeSchema, LIMITS, NamespaceSchema, StructureNodeSchema } from '@motif/core-types';
import { z } from 'zod';
import { problem } from '../http/problem';
import type { RouteDef } from '../routes/route-types';
import { requiredRole } from '../routes/route-roles';
import { MCP_SCHEMAS, mcpPathItem } from './mcp-path';
import { RESPONSE_EXAMPLES, TEXT_EXAMPLES } from './response-examples';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = Record<string, unknown> & { openapi: string; paths: Record<string, Record<string, unknown>> };

export interface OpenApiOptions {
  title?: string;
  version?: string;
  /** Default `/`: the server that serves the document. */
  serverUrl?: string;
}

/** The problem an error status of a route answers with, as an example (the real format, built by `problem`). */
const PROBLEM_EXAMPLES: Record<number, () => Record<string, unknown>> = {
  400: () => problem('VALIDATION_FAILED', 'invalid request: /description: Invalid input: expected string, received number', { requestId: 'req-7f3a', fieldErrors: [{ path: '/description', message: 'Invalid input: expected string, received number' }] }),
  401: () => problem('UNAUTHORIZED', 'missing or wrong API key: send X-API-Key or Authorization: Bearer', { requestId: 'req-7f3a' }),
  403: () => problem('FORBIDDEN', "this API key may not write to namespace 'team-b'", { requestId: 'req-7f3a' }),
  404: () => problem('NOT_FOUND', "pattern 'p_000000000000000000000000' not found", { requestId: 'req-7f3a' }),
  412: () => problem('PRECONDITION_FAILED', 'pattern p_e0e5e07e9c36ce7ba2b05622 has negative feedback: no variations are generated for it unless forced (`--force` in the CLI, `force: true` over HTTP and MCP)', { requestId: 'req-7f3a' }),
  413: () => problem('PAYLOAD_TOO_LARGE', 'request body over the limit of 1048576 bytes', { requestId: 'req-7f3a' }),
  422: () => problem('INVALID_STRUCTURE', 'the structure breaks the catalog: Section > widgets[0] Button needs a ButtonList', { requestId: 'req-7f3a', extensions: { issues: [{ code: 'NEEDS_WRAPPER', path: 'Section > widgets[0] Button', message: 'Button cannot be a direct child of Section', fix: 'wrap Button in ButtonList' }] } }),
  503: () => problem('BACKEND_UNAVAILABLE', "the gallery's browser modules are not built: run npm run build", { requestId: 'req-7f3a' }),
};
const problemExample = (status: number): Record<string, unknown> | undefined => PROBLEM_EXAMPLES[status]?.();
/** `{…}` of the route that serves this very document. */
const DOCUMENT_SCHEMA: JsonSchema = { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { type: 'string' }, info: { type: 'object' }, paths: { type: 'object' } } };
const DOCUMENT_EXAMPLE = { openapi: '3.1.0', info: { title: 'Motif API', version: '0.1.0' }, paths: { '/healthz': { get: { operationId: 'liveness' } } } };

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
    // Query schemas become parameters (below), not components.
    for (const part of [r.body, ...Object.values(r.responses).map((d) => d.body)]) {
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
  const schemas: Record<string, JsonSchema> = { Problem: PROBLEM_SCHEMA, ...MCP_SCHEMAS };
  for (const [id, schema] of Object.entries(generated)) {
    const { $schema: _s, $id: _i, ...rest } = schema;
    schemas[id] = rest;
  }
  const namespaceSchema = stripMeta(z.toJSONSchema(NamespaceSchema, { target: 'draft-2020-12', io: 'input' }) as JsonSchema);

  const problemContent = (status: number) => ({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, ...withExample(problemExample(status)) } });
  const paths: OpenApiDocument['paths'] = { ...mcpPathItem(problemContent) };
  for (const r of routes) {
    const parameters: JsonSchema[] = [];
    for (const [, name] of r.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
      parameters.push({ name, in: 'path', required: true, schema: { type: 'string', minLength: 1 } });
    }
    if (r.query) {
      const qs = stripMeta(z.toJSONSchema(r.query.schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema);
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
      const code = Number(status);
      let content: Record<string, unknown> | undefined;
      if (doc.body) {
        // a documented body wins, error status or not (`/readyz` answers 503 with its Readiness body)
        const name = seen.get(doc.body.schema)!;
        content = { [doc.contentType ?? 'application/json']: { schema: { $ref: `#/components/schemas/${name}` }, ...withExample(RESPONSE_EXAMPLES[`${name}@${status}`] ?? RESPONSE_EXAMPLES[name]) } };
      } else if (code >= 400) content = problemContent(code);
      else if (doc.contentType?.includes('json')) content = { [doc.contentType]: { schema: DOCUMENT_SCHEMA, example: DOCUMENT_EXAMPLE } };
      else if (doc.contentType) content = { [doc.contentType]: { schema: { type: 'string' }, ...withExample(TEXT_EXAMPLES[doc.contentType]) } };
      responses[status] = { description: doc.description, ...(content ? { content } : {}) };
    }
    if (!r.open) {
      responses['401'] ??= { description: 'Missing or wrong API key (when the server has keys).', content: problemContent(401) };
      responses['403'] ??= { description: `The API key lacks the role this route needs (\`${requiredRole(r)}\`) or may not use the namespace (scoped keys, \`MOTIF_API_KEYS\`).`, content: problemContent(403) };
      if (r.body) responses['413'] ??= { description: 'Body over the configured limit.', content: problemContent(413) };
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
      description: `Store, vary and find UI component patterns. Errors are \`application/problem+json\`. Limits: search results ≤ ${LIMITS.searchLimitMax}, variations per kind ≤ ${LIMITS.variationsMax}. Routes under \`/v1\` take an API key (\`X-API-Key\` or \`Authorization: Bearer\`) when the server has keys (\`MOTIF_API_KEY\`, \`MOTIF_API_KEYS\`).`,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: options.serverUrl ?? '/', description: options.serverUrl ? 'This server' : 'The server that serves this document' }],
    tags: [
      { name: 'patterns', description: 'Store, read, list, delete and rate patterns.' },
      { name: 'search', description: 'Hybrid search and recommendations.' },
      { name: 'variations', description: 'Variation families and random variations.' },
      { name: 'cards', description: 'Google Chat Card v2 messages, ready to send.' },
      { name: 'structures', description: 'DSL, structure validation and the catalog.' },
      { name: 'system', description: 'Health, readiness, metrics and this document.' },
      { name: 'mcp', description: 'The MCP server over Streamable HTTP (`/mcp`), the same tools as `motif mcp`.' },
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
    // Declared whether or not this server has keys, so a client generated from any server sends one; open routes
    // override with `security: []`. Either scheme is accepted.
    security: [{ apiKey: [] }, { bearer: [] }],
  };
}

function withExample(example: unknown): { example?: unknown } {
  return example === undefined ? {} : { example };
}

function stripMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}
