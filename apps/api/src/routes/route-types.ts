import type { MotifConfig, PatternService } from '@motif/core-types';
import type { GalleryAsset } from '@motif/gallery';
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'delete';

/** What a handler may use; everything comes from the runtime or the app, never from a global. */
export interface RouteContext<B = unknown, Q = Record<string, unknown>> {
  service: PatternService;
  config: MotifConfig;
  /** Path parameters (`:id`). */
  params: Record<string, string>;
  /** What the route's query schema produced (`namespace` removed: it is `namespace` below). */
  query: Q;
  /** What the route's body schema produced; the service takes it as it is and does not validate again. */
  body: B;
  /** From `?namespace=` or `X-Motif-Namespace`; undefined = the configured default. The one way it travels. */
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

/** A route; `B`/`Q` are its body and query schemas, so the handler receives exactly what they produce. */
export interface RouteDef<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  /** Express path pattern; also the `route` label of metrics. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Validates the JSON body and documents it (component name, schema). */
  body?: { name: string; schema: B };
  /** Validates the query string and documents each of its properties as a query parameter. */
  query?: { name: string; schema: Q };
  /** Accepts `?namespace=` and `X-Motif-Namespace`. */
  namespaced?: boolean;
  /** Open routes skip the API key (health, metrics, docs). */
  open?: boolean;
  responses: Record<number, RouteResponseDoc>;
  // Method syntax: a table of routes with different schemas stays assignable to RouteDef[] (bivariant parameter).
  handle(ctx: RouteContext<z.output<B>, z.output<Q>>): Promise<RouteResult> | RouteResult;
}

/** Types a route by its schemas (`handle` gets the parsed body and query) and erases them for the table. */
export const route = <B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType>(def: RouteDef<B, Q>): RouteDef => def;
