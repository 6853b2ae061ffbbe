import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import type { CliIo } from './cli-io';
import type { CliDeps } from './command-env';
import { examples } from './command-helpers';
import { registerCardCommands } from './commands/card-commands';
import { registerMigrateCommands } from './commands/migrate-commands';
import { registerMcpCommand } from './commands/mcp-command';
import { registerReindexCommands } from './commands/reindex-commands';
import { registerPatternCommands } from './commands/pattern-commands';
import { registerSearchCommands } from './commands/search-commands';
import { registerStructureCommands } from './commands/structure-commands';
import { registerSystemCommands, type SignalSource } from './commands/system-commands';
import { registerTransferCommands } from './commands/transfer-commands';
import { registerVariationCommands } from './commands/variation-commands';
import { EXIT } from './exit-codes';

const version = (): string => {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
};

export const ROOT_HELP = `${examples([
  `$ motif store --dsl '§[δ, Ƀ[ᵬ]]' --description 'Status card with a button'`,
  `$ motif search "status card" --limit 5`,
  '$ motif vary p_3f2a9c0d1e4b5a6978c0d1e2 -s 4 -p 2',
  '$ motif import patterns.jsonl && motif stats',
  '$ motif --data-dir ./data serve --port 8080',
  '$ motif mcp                # Model Context Protocol over stdio, for LLM agents',
])}
Configuration (highest first): flags > environment (MOTIF_DATA_DIR, MOTIF_CATALOG, QDRANT_URL,
REDIS_URL, MOTIF_NAMESPACE, MOTIF_CONFIG, …) > config file (--config / MOTIF_CONFIG) > defaults.

Exit codes: 0 ok, 1 unexpected, 2 invalid input, 3 not found, 4 conflict/precondition,
5 unauthorized, 6 embedder mismatch, 7 backend unavailable, 8 invalid configuration,
${EXIT.IMPORT_INCOMPLETE} import finished with failed records, ${EXIT.USAGE} usage error.
`;

export interface ProgramHooks {
  /** Called for commander's own error messages (usage errors), so `--json` can turn them into JSON. */
  outputError(message: string): void;
  /** Other stderr output of commander (the hint after an error); silent with `--json`. */
  writeErr(text: string): void;
}

/** The command tree. Only commander is loaded here: command bodies load the runtime on demand. */
export function buildProgram(io: CliIo, deps: CliDeps & { signals?: SignalSource }, hooks: ProgramHooks): Command {
  const program = new Command('motif');
  program
    .description('Motif: store, vary and find UI component patterns')
    .version(version(), '-V, --version', 'print the version')
    .option('--data-dir <dir>', 'data directory of the embedded store (env MOTIF_DATA_DIR)')
    .option('--catalog <id|file>', 'built-in catalog id or catalog JSON file (env MOTIF_CATALOG)')
    .option('--qdrant-url <url>', 'use a Qdrant server as the vector store (env QDRANT_URL)')
    .option('--redis-url <url>', 'use Redis as the L2 cache (env REDIS_URL)')
    .option('-n, --namespace <ns>', 'namespace to work in (env MOTIF_NAMESPACE)')
    .option('-c, --config <file>', 'JSON config file (env MOTIF_CONFIG)')
    .option('--json', 'machine-readable output: exactly one JSON document on stdout', false)
    .option('--no-color', 'never use colours (also: NO_COLOR)')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => hooks.writeErr(s),
      outputError: (s) => hooks.outputError(s),
    })
    .addHelpText('after', ROOT_HELP);

  registerPatternCommands(program, io, deps);
  registerCardCommands(program, io, deps);
  registerSearchCommands(program, io, deps);
  registerVariationCommands(program, io, deps);
  registerTransferCommands(program, io, deps);
  registerStructureCommands(program, io, deps);
  registerSystemCommands(program, io, deps);
  registerMigrateCommands(program, io, deps);
  registerMcpCommand(program, io, deps);
  registerReindexCommands(program, io, deps);
  return program;
}
