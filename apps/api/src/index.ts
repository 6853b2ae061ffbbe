export { createApp, sendProblem, type ApiApp, type ApiRuntime, type CreateAppOptions } from './app';
export { createApiServer, type ApiServer, type ApiServerOptions, type ClosableRuntime } from './server';
export { startApi, type StartedApi } from './start-api';
export { ROUTES } from './routes/route-table';
export type { RouteDef, RouteContext, RouteResult } from './routes/route-types';
export { buildOpenApiDocument, openApiPath, type OpenApiDocument } from './openapi/openapi-document';
export { problem, problemFromError, problemType, type Problem, type ProblemCode } from './http/problem';
export { MetricsRegistry } from './metrics/metrics-registry';
