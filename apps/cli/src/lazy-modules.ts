/**
 * The heavy modules, loaded on first use only: `motif --help` must not pay for zod, SQLite,
 * Redis, Qdrant or Inversify. Types are imported statically (erased at compile time). `earlyStart` is the
 * light one: what a command starts before the heavy ones load.
 */
import { UsageError } from './exit-codes';

type CoreTypes = typeof import('@motif/core-types');
type Patterns = typeof import('@motif/patterns');

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const coreTypes = (): CoreTypes => require('@motif/core-types') as CoreTypes;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const patternsLib = (): Patterns => require('@motif/patterns') as Patterns;
type EarlyStart = typeof import('@motif/vector-store/early-start');
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const earlyStart = (): EarlyStart => require('@motif/vector-store/early-start') as EarlyStart;
type Mcp = typeof import('@motif/mcp');
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const mcpLib = (): Mcp => require('@motif/mcp') as Mcp;

// Typed through the schemas' own output marker, so the CLI needs no zod of its own.
type ParsedBy<S> = S extends { _zod: { output: infer O } } ? O : never;
type SchemaName = { [K in keyof CoreTypes]: ParsedBy<CoreTypes[K]> extends never ? never : K }[keyof CoreTypes];
type SchemaOutput<K extends SchemaName> = ParsedBy<CoreTypes[K]>;

/**
 * A command's input parsed once, with the schema its HTTP route uses (by name, so `--help` loads no zod).
 * Input built from flags and arguments is `from: 'flags'`: what the schema refuses there is a usage error
 * (exit 64, the schema's own message); input read from a file keeps VALIDATION_FAILED.
 */
export function parseWith<K extends SchemaName>(schema: K, value: unknown, what: string, from: 'flags' | 'file' = 'flags'): SchemaOutput<K> {
  const core = coreTypes();
  try {
    return core.parseInput(core[schema] as Parameters<CoreTypes['parseInput']>[0], value, what) as SchemaOutput<K>;
  } catch (error) {
    if (from === 'flags' && core.isMotifError(error) && error.code === 'VALIDATION_FAILED') throw new UsageError(error.message);
    throw error;
  }
}
