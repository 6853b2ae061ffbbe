import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildSync, type Metafile } from 'esbuild';

export interface BundleCliOptions {
  /** The CLI's compiled entry (apps/cli/dist/main.js). */
  entry: string;
  outfile: string;
  /** The repository root: the workspace projects' build info is found from it. */
  root: string;
  /**
   * What stays outside the bundle, resolved from node_modules at run time as before (and a package subpath marks the
   * whole package): native addons, what only one configuration loads (Redis, Qdrant, the model, which runs in its own
   * worker thread from vector-store's dist), and paths resolved rather than loaded (the worker file, the API entry
   * `motif serve` starts). Default: the CLI manifest's `motif.bundleExternals`, which it declares as dependencies.
   */
  externals?: readonly string[];
}

/** Written beside the bundle as `<outfile>.inputs.json`: what `bin/motif.js` checks to tell a stale bundle. */
export interface BundleInputs {
  /** The `tsc -b` build info of every workspace project the bundle holds, relative to the bundle's folder. */
  buildInfo: string[];
}

/** The CLI manifest's `motif.bundleExternals`. */
export function cliBundleExternals(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'apps', 'cli', 'package.json'), 'utf8')) as { motif?: { bundleExternals?: string[] } };
  return manifest.motif?.bundleExternals ?? [];
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
    external: [...(options.externals ?? cliBundleExternals(options.root))],
    metafile: true,
    absWorkingDir: options.root, // input paths in the metafile relative to the root
    logLevel: 'error',
  });
  const projects = new Set(Object.keys(result.metafile.inputs).flatMap((input) => /^((?:libs|apps)\/[^/]+)\/dist\//.exec(input)?.[1] ?? []));
  const buildInfo = [...projects].sort().flatMap((project) => {
    const dist = join(options.root, project, 'dist');
    return readdirSync(dist).filter((f) => f.endsWith('.tsbuildinfo')).map((f) => relative(dirname(options.outfile), join(dist, f)));
  });
  const inputs: BundleInputs = { buildInfo };
  writeFileSync(`${options.outfile}.inputs.json`, `${JSON.stringify(inputs, null, 2)}\n`);
  return result.metafile;
}
