import type { Logger } from 'pino';
import type { RequestHandler } from 'express';
import type { HttpMetrics } from '../metrics/motif-metrics';
import { requestIdFrom } from './request-id';

/** Route label for requests no route matched: keeps label cardinality bounded under URL scans. */
export const UNMATCHED_ROUTE = 'unmatched';

declare module 'express-serve-static-core' {
  interface Locals {
    requestId?: string;
    route?: string;
  }
}

/**
 * Gives each request an id (echoed in `X-Request-Id`), then on completion records one JSON log line
 * and the latency histogram sample under the route *pattern*.
 */
export function requestLogging(logger: Logger, metrics: HttpMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = res.locals.route ?? UNMATCHED_ROUTE;
      const labels = { method: req.method, route, status: String(res.statusCode) };
      metrics.requestDuration.observe(labels, seconds);
      metrics.requestsTotal.inc(labels);
      const entry = { requestId, method: req.method, route, path: req.path, status: res.statusCode, durationMs: Math.round(seconds * 1e6) / 1e3, ...(res.locals.principal ? { principal: res.locals.principal.name } : {}), ...(aborted ? { aborted: true } : {}) };
      if (res.statusCode >= 500) logger.error(entry, 'request failed');
      else logger.info(entry, 'request');
    };
    res.on('finish', () => finish(false));
    res.on('close', () => finish(!res.writableFinished));
    next();
  };
}
