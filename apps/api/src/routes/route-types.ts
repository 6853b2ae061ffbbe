import type { MotifConfig, PatternService } from '@motif/core-types';
import type { GalleryAsset } from '@motif/gallery';
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'delete';

/** What a handler may use; everything comes from the runtime or the app, never from a global. */
export interface RouteContext {
  service: PatternService;
  config: MotifConfig;
  /** Path parameters (`:id`). */
  params: Record<string, string>;
  /** Query, already validated against the route's query schema (raw strings; `namespace` removed). */
  query: Record<string, unknown>;
  /** Body, already validated against the route's body schema; passed to the service as sent. */
  body: unknown;
  /** From `?namespace=` or `X-Motif-Namespace`; undefined = the configured default. */
  namespace: string | undefined;
  system: SystemContext;
}

export interface SystemContext {
  metricsText(): Promise<string>;
  openApiDocument(): Record<string, unknown>;
  docsHtml(): string;
  shuttingDown(): boolean;
  /** A file of the gallery (`index.html`, `gallery-page.js`…), undefined when there is none of that name. */
  galleryAsset(name: string): GalleryAsset | undefined;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Defaults to JSON. Set for text bodies (metrics, HTML). */
  contentType?: string;
}

export interface RouteResponseDoc {
  description: string;
  /** Media type of the body, when there is one. */
  contentType?: string;
  /** Documented shape of a JSON body (component name, schema). */
  body?: { name: string; schema: z.ZodType };
}

export interface RouteDef {
  method: HttpMethod;
  /** Express path pattern; also the `route` label of metrics. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Validates the JSON body and documents it (component name, schema). */
  body?: { name: string; schema: z.ZodType };
  /** Validates the query string and documents each of its properties as a query parameter. */
  query?: { name: string; schema: z.ZodType };
  /** Accepts `?namespace=` and `X-Motif-Namespace`. */
  namespaced?: boolean;
  /** Open routes skip the API key (health, metrics, docs). */
  open?: boolean;
  responses: Record<number, RouteResponseDoc>;
  handle(ctx: RouteContext): Promise<RouteResult> | RouteResult;
}
