import { buildSync, type Metafile } from 'esbuild';

/**
 * What stays outside the bundle, resolved from node_modules at run time as before: native addons, what only one
 * configuration loads (Redis, Qdrant, the model, which runs in its own worker thread from vector-store's dist), and
 * paths resolved rather than loaded (the worker file, the API entry `motif serve` starts).
 */
export const CLI_BUNDLE_EXTERNALS: readonly string[] = [
  'better-sqlite3',
  'hnswlib-node',
  'sqlite-vec',
  'ioredis',
  '@qdrant/*',
  '@energetic-ai/*',
  '@motif/vector-store/package.json',
  '@motif/api/main',
];

export interface BundleCliOptions {
  /** The CLI's compiled entry (apps/cli/dist/main.js). */
  entry: string;
  outfile: string;
}

/**
 * One CommonJS file of the CLI and everything it requires but the externals. A one-shot command otherwise spends
 * most of its start-up resolving, reading and compiling ~700 modules one by one (zod, and inversify's ES modules
 * through `require(esm)`, the most); modules still run only when first required, as before.
 */
export function bundleCli(options: BundleCliOptions): Metafile {
  const result = buildSync({
    entryPoints: [options.entry],
    outfile: options.outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: [...CLI_BUNDLE_EXTERNALS],
    metafile: true,
    logLevel: 'error',
  });
  return result.metafile;
}
