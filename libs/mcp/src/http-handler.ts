import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMotifMcpServer, type McpRuntime, type MotifMcpServerOptions } from './create-mcp-server';

export interface McpHttpRequestOptions extends Pick<MotifMcpServerOptions, 'namespace' | 'onInternalError' | 'authorize'> {
  /** The JSON body, already parsed (and size-limited) by the host. */
  body: unknown;
}

/**
 * MCP over Streamable HTTP, stateless: each POST gets its own server and transport over the shared
 * runtime (no session to keep, so any instance behind a load balancer can answer), and the answer
 * is plain JSON rather than an SSE stream. The host does authentication and body parsing.
 */
export async function handleMcpHttpRequest(runtime: McpRuntime, req: IncomingMessage, res: ServerResponse, options: McpHttpRequestOptions): Promise<void> {
  const server = createMotifMcpServer(runtime, { namespace: options.namespace, onInternalError: options.onInternalError, authorize: options.authorize });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.once('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, options.body);
}
