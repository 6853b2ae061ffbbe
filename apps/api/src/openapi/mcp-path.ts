import { MCP_PATH } from '../mcp/mcp-endpoint';

type JsonSchema = Record<string, unknown>;

/** JSON-RPC 2.0 envelopes as MCP's Streamable HTTP transport carries them (the tools are listed by `tools/list`). */
export const MCP_SCHEMAS: Record<string, JsonSchema> = {
  JsonRpcRequest: {
    type: 'object',
    description: 'A JSON-RPC 2.0 request or notification (no `id`), e.g. `initialize`, `tools/list`, `tools/call`.',
    required: ['jsonrpc', 'method'],
    properties: {
      jsonrpc: { const: '2.0' },
      id: { type: ['string', 'integer'] },
      method: { type: 'string' },
      params: { type: 'object' },
    },
  },
  JsonRpcResponse: {
    type: 'object',
    description: 'A JSON-RPC 2.0 response: `result`, or `error` with a code (tool failures are results with `isError: true`).',
    required: ['jsonrpc'],
    properties: {
      jsonrpc: { const: '2.0' },
      id: { type: ['string', 'integer', 'null'] },
      result: { type: 'object' },
      error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'integer' }, message: { type: 'string' }, data: {} } },
    },
  },
};

const CALL_TOOL = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'search_patterns', arguments: { query: 'server status', limit: 3 } } };
const CALL_TOOL_ANSWER = { jsonrpc: '2.0', id: 2, result: { content: [{ type: 'text', text: '{"results":[…]}' }], structuredContent: { results: [] } } };

/**
 * The `/mcp` path item: the MCP server over Streamable HTTP, stateless, JSON answers. `problem(status)` is the
 * document's own problem+json content for an error status, so `/mcp` errors read like every other route's.
 */
export function mcpPathItem(problem: (status: number) => Record<string, unknown>): Record<string, Record<string, unknown>> {
  return {
    [MCP_PATH]: {
      post: {
        operationId: 'mcp',
        summary: 'Talk to the Motif MCP server (JSON-RPC over Streamable HTTP)',
        description:
          'The same tools as `motif mcp` (stdio), on the same runtime as `/v1`. Send `Accept: application/json, text/event-stream`. ' +
          'The namespace comes as for `/v1`; talking needs the `read` role in it, and each tool call needs the role its `/v1` route needs ' +
          '(else the call answers an `isError` result with FORBIDDEN). GET (a server-initiated SSE stream) and DELETE (ending a session) ' +
          'answer 405: the endpoint is stateless.',
        tags: ['mcp'],
        parameters: [
          { name: 'namespace', in: 'query', required: false, schema: { type: 'string' }, description: 'Namespace; wins over the header. Default: the configured namespace.' },
          { name: 'X-Motif-Namespace', in: 'header', required: false, schema: { type: 'string' }, description: 'Namespace, when the query has none.' },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/JsonRpcRequest' }, example: CALL_TOOL } } },
        responses: {
          '200': { description: 'The JSON-RPC answer.', content: { 'application/json': { schema: { $ref: '#/components/schemas/JsonRpcResponse' }, example: CALL_TOOL_ANSWER } } },
          '202': { description: 'A notification was accepted (no body).' },
          '400': { description: 'Not a JSON-RPC message, or a bad namespace.', content: problem(400) },
          '401': { description: 'Missing or wrong API key (when the server has keys).', content: problem(401) },
          '403': { description: 'The API key may not read this namespace.', content: problem(403) },
          '413': { description: 'Body over the configured limit.', content: problem(413) },
        },
      },
    },
  };
}
