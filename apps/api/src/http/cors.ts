import type { RequestHandler } from 'express';

export const CORS_ALLOWED_HEADERS = ['Content-Type', 'Authorization', 'X-API-Key', 'X-Request-Id', 'X-Motif-Namespace'];
export const CORS_EXPOSED_HEADERS = ['X-Request-Id', 'Location', 'Allow'];
const METHODS = 'GET, POST, DELETE, OPTIONS';

/**
 * CORS for the configured origins (`*` allows any). An empty list turns CORS off: no header is
 * sent and preflights fall through to the router (which answers OPTIONS with `Allow`).
 */
export function corsMiddleware(origins: readonly string[]): RequestHandler {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origins.length === 0 || !origin) return next();
    res.append('Vary', 'Origin');
    if (!any && !allowed.has(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
    res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS.join(', '));
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.setHeader('Access-Control-Allow-Methods', METHODS);
      res.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS.join(', '));
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
