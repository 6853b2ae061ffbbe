import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import pino, { type Logger } from 'pino';
import { MotifError, parseInput, type MotifConfig, type PatternService } from '@motif/core-types';
import { galleryAssetReader } from './gallery/gallery-pages';
import { ApiKeyRing, denial, presentedApiKey, type ApiPrincipal } from './http/api-keys';
import { corsMiddleware } from './http/cors';
import { NAMESPACE_HEADER, requestNamespace } from './http/namespace';
import { problem, problemFromError, PROBLEM_CONTENT_TYPE, type Problem } from './http/problem';
import { requestLogging } from './http/request-logging';
import { MCP_PATH, mcpEndpoint } from './mcp/mcp-endpoint';
import { createHttpMetrics, type HttpMetrics } from './metrics/motif-metrics';
import { renderDocsPage } from './openapi/docs-page';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi/openapi-document';
import { requiredRole } from './routes/route-roles';
import { ROUTES } from './routes/route-table';
import type { RouteDef, SystemContext } from './routes/route-types';

/** The part of a `MotifRuntime` the API needs. */
export interface ApiRuntime {
  readonly config: MotifConfig;
  readonly service: PatternService;
}

export interface CreateAppOptions {
  logger?: Logger;
  metrics?: HttpMetrics;
  routes?: readonly RouteDef[];
  /** Shared with the server: once set, /readyz answers 503 and responses carry `Connection: close`. */
  lifecycle?: { shuttingDown: boolean };
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** Who the API key belongs to (absent when the server has no key). */
    principal?: ApiPrincipal;
    /** The namespace of a namespaced route, resolved once before the body is read. */
    namespace?: string;
  }
}

export interface ApiApp extends Express {
  readonly motif: { logger: Logger; metrics: HttpMetrics; openApi: OpenApiDocument; routes: readonly RouteDef[] };
}

const JSON_TYPES = ['application/json', 'application/*+json'];

export function sendProblem(res: Response, p: Problem, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
}

/** Builds the Express app for a runtime: routes from the route table, problem+json errors, auth, CORS, metrics. */
export function createApp(runtime: ApiRuntime, options: CreateAppOptions = {}): ApiApp {
  const { config, service } = runtime;
  const logger = options.logger ?? pino({ level: config.logLevel, base: { app: 'motif-api' } });
  const metrics = options.metrics ?? createHttpMetrics(service);
  const routes = options.routes ?? ROUTES;
  const lifecycle = options.lifecycle ?? { shuttingDown: false };
  const keys = ApiKeyRing.from(config.server);
  const openApi = buildOpenApiDocument(routes);
  let docsHtml: string | undefined;
  const system: SystemContext = {
    metricsText: () => metrics.registry.render(),
    openApiDocument: () => openApi,
    docsHtml: () => (docsHtml ??= renderDocsPage(openApi)),
    shuttingDown: () => lifecycle.shuttingDown,
    galleryAsset: galleryAssetReader(),
  };

  const app = express() as unknown as ApiApp;
  Object.defineProperty(app, 'motif', { value: { logger, metrics, openApi, routes } });
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use(requestLogging(logger, metrics));
  app.use((_req, res, next) => {
    if (lifecycle.shuttingDown) res.setHeader('Connection', 'close');
    next();
  });
  app.use(corsMiddleware(config.server.corsOrigins));
  if (keys !== undefined) {
    // Before body parsing: an unauthenticated client cannot make the server read a large body.
    app.use(['/v1', MCP_PATH], (req, res, next) => {
      const principal = keys.authenticate(presentedApiKey(req.headers));
      if (principal) {
        res.locals.principal = principal;
        return next();
      }
      sendProblem(res, problem('UNAUTHORIZED', 'a valid API key is required: send X-API-Key or Authorization: Bearer', { requestId: res.locals.requestId }), { 'WWW-Authenticate': 'Bearer realm="motif"' });
    });
  }
  const jsonBody = express.json({ limit: config.server.bodyLimitBytes, type: JSON_TYPES, strict: true });
  app.all(MCP_PATH, ...mcpEndpoint(runtime, logger, sendProblem, jsonBody));

  const byPath = new Map<string, RouteDef[]>();
  for (const r of routes) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  for (const [path, defs] of byPath) {
    const route = app.route(path);
    for (const def of defs) {
      // Role and namespace are checked before the body is read: a key cannot make the server parse a body it may not send.
      const handlers: RequestHandler[] = [authorize(def, config.namespace)];
      if (def.body) handlers.push(jsonBody);
      route[def.method](...handlers, routeHandler(def, runtime, system));
    }
    const allow = allowHeader(defs);
    route.all((req, res) => {
      res.locals.route = path;
      res.setHeader('Allow', allow);
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      sendProblem(res, problem('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; allowed: ${allow}`, { requestId: res.locals.requestId }));
    });
  }

  app.use((req, res) => {
    sendProblem(res, problem('NOT_FOUND', `no route for ${req.method} ${req.path}`, { requestId: res.locals.requestId }));
  });
  app.use(errorHandler(logger));
  return app;
}

function allowHeader(defs: readonly RouteDef[]): string {
  const methods = new Set(defs.map((d) => d.method.toUpperCase()));
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  return [...methods].join(', ');
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** A problem when the request's key may not use this route in this namespace. */
function forbidden(res: Response, principal: ApiPrincipal | undefined, role: ReturnType<typeof requiredRole>, namespace: string | undefined): boolean {
  if (!principal) return false;
  const why = denial(principal, role, namespace);
  if (why === undefined) return false;
  sendProblem(res, problem('FORBIDDEN', why, { requestId: res.locals.requestId }));
  return true;
}

/** Resolves the namespace once (query over header) and checks the key's role and namespaces against it. */
function authorize(def: RouteDef, defaultNamespace: string): RequestHandler {
  const role = requiredRole(def);
  return (req, res, next) => {
    res.locals.route = def.path;
    if (def.namespaced) res.locals.namespace = requestNamespace(req.query as Record<string, unknown>, req.headers[NAMESPACE_HEADER]);
    if (def.open || !forbidden(res, res.locals.principal, role, def.namespaced ? (res.locals.namespace ?? defaultNamespace) : undefined)) next();
  };
}

function routeHandler(def: RouteDef, runtime: ApiRuntime, system: SystemContext): RequestHandler {
  return async (req, res) => {
    const raw: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
    const namespace = res.locals.namespace;
    delete raw.namespace;
    // Parsed once, here: the handler hands the service what the schemas produced.
    const query: unknown = def.query ? parseInput(def.query.schema, raw, 'query') : raw;
    let body: unknown;
    if (def.body) {
      if (hasBody(req) && !req.is(JSON_TYPES)) {
        sendProblem(res, problem('UNSUPPORTED_MEDIA_TYPE', `send the body as application/json (got ${req.headers['content-type'] ?? 'no content type'})`, { requestId: res.locals.requestId }));
        return;
      }
      // A missing body counts as `{}`, so routes whose fields all have defaults need none.
      // parseInput refuses absurd nesting itself (before zod could overflow the stack).
      body = parseInput(def.body.schema, req.body === undefined ? {} : req.body, 'body');
    }
    const result = await def.handle({ service: runtime.service, config: runtime.config, params: req.params as Record<string, string>, query, body, namespace, system });
    for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
    res.status(result.status);
    if (result.body === undefined) res.end();
    else if (result.contentType) res.type(result.contentType).send(result.body);
    else res.json(result.body);
  };
}

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  /** The raw body (parse failures). */
  body?: unknown;
  /** The limit and the length seen (entity.too.large). */
  limit?: number;
  length?: number;
}

/** `null`, `42`, `"x"` or `true` for a raw body that is valid JSON but not an object or array; else undefined. */
function parsedScalar(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return value === null || typeof value !== 'object' ? (value === null ? 'null' : typeof value) : undefined;
  } catch {
    return undefined;
  }
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const requestId = res.locals.requestId;
    const parserError = err as BodyParserError;
    if (err instanceof MotifError) {
      if (err.status >= 500) logger.error({ requestId, err }, 'service error');
      sendProblem(res, problemFromError(err, requestId));
      return;
    }
    switch (parserError?.type) {
      case 'entity.too.large': {
        const limit = typeof parserError.limit === 'number' ? ` of ${parserError.limit} bytes` : '';
        const length = typeof parserError.length === 'number' ? ` (${parserError.length} bytes sent)` : '';
        return sendProblem(res, problem('PAYLOAD_TOO_LARGE', `the request body is over the limit${limit}${length}; the limit is the config file's server.bodyLimitBytes`, { requestId }));
      }
      case 'entity.parse.failed': {
        // Strict mode refuses valid JSON that is not an object or array (`null`, `42`, `"x"`): say that, not "malformed".
        const scalar = parsedScalar(parserError.body);
        if (scalar !== undefined) return sendProblem(res, problem('VALIDATION_FAILED', `the request body must be a JSON object, got ${scalar}`, { requestId, fieldErrors: [{ path: '', message: `expected an object, got ${scalar}` }] }));
        return sendProblem(res, problem('MALFORMED_JSON', 'the request body is not valid JSON', { requestId }));
      }
      case 'charset.unsupported':
      case 'encoding.unsupported':
        return sendProblem(res, problem('UNSUPPORTED_MEDIA_TYPE', 'unsupported charset or content encoding', { requestId }));
    }
    if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      // Other client-side failures of the body reader (aborted request, bad length): bad input, never a 500.
      const name = (err as { name?: unknown }).name;
      const detail = name === 'URIError' ? `the URL is not valid percent-encoding: ${(err as Error).message}` : 'the request could not be read';
      return sendProblem(res, problem('VALIDATION_FAILED', detail, { requestId }));
    }
    logger.error({ requestId, err }, 'unexpected error');
    sendProblem(res, problemFromError(err, requestId));
  };
}
