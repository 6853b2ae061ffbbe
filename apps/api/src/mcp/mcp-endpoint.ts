import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { handleMcpHttpRequest, type McpRuntime } from '@motif/mcp';
import { denial } from '../http/api-keys';
import { NAMESPACE_HEADER, requestNamespace } from '../http/namespace';
import { problem, type Problem } from '../http/problem';

export const MCP_PATH = '/mcp';

type SendProblem = (res: Response, p: Problem, headers?: Record<string, string>) => void;

/**
 * `POST /mcp`: the Motif MCP server over Streamable HTTP (stateless, JSON answers), on the same
 * runtime as `/v1`, behind the same API keys. The namespace comes as for `/v1` (`?namespace=` or
 * `X-Motif-Namespace`) and is checked against the key before the body is read (the `read` role is
 * needed to talk at all); each tool call then needs the role its `/v1` route needs (`write` to
 * store, vote or generate), else it answers an `isError` result with FORBIDDEN.
 * GET (a server-initiated SSE stream) and DELETE (ending a session) have nothing to serve without
 * sessions: 405, as the transport specification allows.
 */
export function mcpEndpoint(runtime: McpRuntime, logger: Logger, send: SendProblem, jsonBody: RequestHandler): RequestHandler[] {
  const gate: RequestHandler = (req, res, next) => {
    res.locals.route = MCP_PATH;
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', 'POST, OPTIONS');
      res.status(204).end();
      return;
    }
    if (req.method !== 'POST') {
      send(res, problem('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${MCP_PATH}: this MCP endpoint is stateless, send JSON-RPC with POST`, { requestId: res.locals.requestId }), { Allow: 'POST, OPTIONS' });
      return;
    }
    res.locals.namespace = requestNamespace(req.query as Record<string, unknown>, req.headers[NAMESPACE_HEADER]);
    const principal = res.locals.principal;
    const why = principal && denial(principal, 'read', res.locals.namespace ?? runtime.config.namespace);
    if (why) {
      send(res, problem('FORBIDDEN', why, { requestId: res.locals.requestId }));
      return;
    }
    next();
  };
  const serve: RequestHandler = async (req, res) => {
    const { principal, namespace } = res.locals;
    const requestId = res.locals.requestId as string | undefined;
    await handleMcpHttpRequest(runtime, req, res, {
      body: req.body,
      namespace,
      authorize: principal && ((tool) => denial(principal, tool.access, namespace ?? runtime.config.namespace)),
      onInternalError: (err, tool) => logger.error({ requestId, err, tool }, 'mcp tool failed'),
    });
  };
  return [gate, jsonBody, serve];
}
