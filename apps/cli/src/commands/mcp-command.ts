import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import type { CliDeps } from '../command-env';
import { action, examples } from '../command-helpers';
import { mcpLib } from '../lazy-modules';
import type { SignalSource } from './system-commands';

export const MCP_HELP = `
Register it with an MCP client as a stdio server, e.g. (Claude Desktop, Cursor, VS Code…):
  {"mcpServers": {"motif": {"command": "npx", "args": ["motif", "mcp"],
                            "env": {"MOTIF_DATA_DIR": "/path/to/data"}}}}
It reads the same configuration as every command (MOTIF_DATA_DIR, MOTIF_CATALOG, MOTIF_NAMESPACE,
QDRANT_URL, REDIS_URL, MOTIF_CONFIG…). stdout carries the protocol; messages go to stderr.
`;

export function registerMcpCommand(program: Command, io: CliIo, deps: CliDeps & { signals?: SignalSource }): void {
  program
    .command('mcp')
    .description('Serve the Model Context Protocol over stdio: Motif\'s tools, resources and prompt for LLM agents')
    .addHelpText('after', examples(['$ motif mcp', '$ motif --data-dir ./data --namespace team-a mcp']) + MCP_HELP)
    .action(action(io, deps, async (env) => {
      await env.withService(async (_service, runtime) => {
        const session = await mcpLib().serveMcpOverStdio(runtime, {
          onInternalError: (error, tool) => void io.stderr.write(`motif mcp: ${tool} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`),
        });
        // Ctrl-C / SIGTERM end the session like a closed input: running calls finish, then the store closes.
        const signals = deps.signals ?? process;
        const stop = () => void session.close();
        signals.on('SIGINT', stop);
        signals.on('SIGTERM', stop);
        try {
          await session.done;
        } finally {
          signals.off('SIGINT', stop);
          signals.off('SIGTERM', stop);
        }
      });
    }));
}
