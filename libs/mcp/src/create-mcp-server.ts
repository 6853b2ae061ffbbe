import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { MotifError, type MotifConfig, type PatternService } from '@motif/core-types';
import { z } from 'zod';
import { buildCardPrompt, CARD_PROMPT_DEFAULT_COUNT, CARD_PROMPT_NAME } from './card-prompt';
import { DSL_RULES_RESOURCE_URI, dslRules, SYMBOLS_RESOURCE_URI, symbolTable } from './catalog-resources';
import type { MotifTool, ToolContext } from './tool-definition';
import { toolFailure } from './tool-result';
import { MOTIF_TOOLS } from './tools/tool-list';

/** What the MCP server needs of a runtime: a `MotifRuntime` from `createMotifContainer` fits. */
export interface McpRuntime {
  readonly config: MotifConfig;
  readonly service: PatternService;
}

export interface MotifMcpServerOptions {
  /** The namespace tools work in; undefined = the configured one. */
  namespace?: string;
  /** Failures that are not the caller's fault (answered as INTERNAL). */
  onInternalError?: (error: unknown, tool: string) => void;
  /** Says why the caller may not use a tool (a FORBIDDEN result), or undefined when it may. */
  authorize?: (tool: MotifTool) => string | undefined;
  /** Tools to serve; defaults to every Motif tool. */
  tools?: readonly MotifTool[];
}

export const MCP_SERVER_NAME = 'motif';

const version = (): string => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
};

/**
 * The Motif MCP server over a runtime's service: the tools, the catalog's symbol table and the DSL
 * rules as resources, and the "build a card like these" prompt. Transport-agnostic: connect it to
 * stdio (`motif mcp`) or to Streamable HTTP (the API's `/mcp`).
 *
 * Tools go through the low-level handlers rather than `registerTool`: the SDK's own argument
 * check would answer bad arguments with a bare message, without the API's error code.
 */
export function createMotifMcpServer(runtime: McpRuntime, options: MotifMcpServerOptions = {}): McpServer {
  const tools = options.tools ?? MOTIF_TOOLS;
  const byName = new Map(tools.map((t) => [t.name, t]));
  const ctx: ToolContext = { service: runtime.service, namespace: options.namespace, onInternalError: options.onInternalError };
  const mcp = new McpServer(
    { name: MCP_SERVER_NAME, title: 'Motif card patterns', version: version() },
    {
      instructions:
        'Motif stores card patterns (Google Chat Card v2 structures with their parameters) that worked before. ' +
        'Search them with search_patterns before building a card, follow the best one, check structures with validate_structure, ' +
        'render a pattern or a variation as a ready-to-send cardsV2 message with render_card, store cards that worked with store_pattern (a Card v2 card, or DSL + params) ' +
        'and vote with record_feedback. The DSL and its symbols are in the resources motif://dsl/rules and motif://catalog/symbols.',
    },
  );

  mcp.server.registerCapabilities({ tools: {} });
  mcp.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: tools.map((t) => t.definition) }));
  mcp.server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name);
    if (!tool) {
      const message = `unknown tool '${request.params.name}': the tools are ${tools.map((t) => t.name).join(', ')}`;
      return toolFailure(new MotifError('NOT_FOUND', message, { details: { what: 'tool', id: request.params.name } }));
    }
    const denied = options.authorize?.(tool);
    if (denied !== undefined) return toolFailure(new MotifError('FORBIDDEN', denied, { details: { tool: tool.name } }));
    return tool.call(request.params.arguments, ctx);
  });

  mcp.registerResource(
    'catalog-symbols',
    SYMBOLS_RESOURCE_URI,
    { title: 'Catalog symbol table', description: 'Each DSL symbol, its component, what it may contain and the wrapper it needs.', mimeType: 'text/markdown' },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: symbolTable(runtime.service.catalog()) }] }),
  );
  mcp.registerResource(
    'dsl-rules',
    DSL_RULES_RESOURCE_URI,
    { title: 'Structure DSL rules', description: 'The grammar of the compact structure DSL and the rules structures are validated with.', mimeType: 'text/markdown' },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: dslRules(runtime.service.catalog()) }] }),
  );

  mcp.registerPrompt(
    CARD_PROMPT_NAME,
    {
      title: 'Build a card like these',
      description: 'The top stored patterns for a request (DSL, params, feedback), and how to build a new card from them.',
      argsSchema: {
        request: z.string().min(1).max(2000).describe('what the card should show'),
        count: z.string().regex(/^(?:[1-9]|10)$/, 'a number from 1 to 10').optional().describe(`how many example patterns (1–10, default ${CARD_PROMPT_DEFAULT_COUNT})`),
      },
    },
    ({ request, count }) => buildCardPrompt(request, count === undefined ? CARD_PROMPT_DEFAULT_COUNT : Number(count), ctx),
  );
  return mcp;
}
