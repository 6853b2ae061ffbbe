/**
 * The heavy modules, loaded on first use only: `motif --help` must not pay for zod, SQLite,
 * Redis, Qdrant or Inversify. Types are imported statically (erased at compile time).
 */
type CoreTypes = typeof import('@motif/core-types');
type Patterns = typeof import('@motif/patterns');

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const coreTypes = (): CoreTypes => require('@motif/core-types') as CoreTypes;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const patternsLib = (): Patterns => require('@motif/patterns') as Patterns;
type Mcp = typeof import('@motif/mcp');
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const mcpLib = (): Mcp => require('@motif/mcp') as Mcp;
