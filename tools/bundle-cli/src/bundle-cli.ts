import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';

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
 * The libraries the CLI loads only when a command needs them (through `lazy-modules.ts`): they go into a second
 * file, `<name>-runtime.cjs`, compiled only then, so the start-up file stays small and a command starts its work
 * (e.g. the model's worker) before the rest is even parsed.
 */
export const RUNTIME_LIBRARIES: readonly string[] = ['@motif/core-types', '@motif/patterns', '@motif/mcp'];

export interface BundledCli {
  /** What the start-up file (`outfile`) holds. */
  startup: Metafile;
  /** What the runtime file beside it holds. */
  runtime: Metafile;
}

/**
 * The CLI in two CommonJS files: the start-up one (the commands, commander, the early model start) and the runtime
 * one (every library and its dependencies), the externals left out of both. A one-shot command otherwise spends
 * most of its start-up resolving, reading and compiling ~700 modules one by one (zod, and inversify's ES modules
 * through `require(esm)`, the most); modules still run only when first required, as before.
 */
export async function bundleCli(options: BundleCliOptions): Promise<BundledCli> {
  const external = [...(options.externals ?? cliBundleExternals(options.root))];
  const runtimeFile = options.outfile.replace(/\.cjs$/, '') + '-runtime.cjs';
  const runtimeName = `./${basename(runtimeFile)}`;
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', metafile: true, absWorkingDir: options.root, logLevel: 'error' } as const;
  const runtime = await build({
    ...common,
    stdin: {
      contents: `module.exports = {${RUNTIME_LIBRARIES.map((lib) => `\n  ${JSON.stringify(lib)}: () => require(${JSON.stringify(lib)}),`).join('')}\n};\n`,
      resolveDir: dirname(options.entry),
      sourcefile: 'cli-runtime-entry.js',
    },
    outfile: runtimeFile,
    external,
  });
  const toRuntime: Plugin = {
    name: 'cli-runtime',
    setup(b) {
      const names = new RegExp(`^(${RUNTIME_LIBRARIES.map((l) => l.replace(/[/-]/g, (c) => `\\${c}`)).join('|')})$`);
      b.onResolve({ filter: names }, (args) => ({ path: args.path, namespace: 'cli-runtime' }));
      b.onLoad({ filter: /.*/, namespace: 'cli-runtime' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(runtimeName)})[${JSON.stringify(args.path)}]();`,
        loader: 'js',
        resolveDir: dirname(options.outfile),
      }));
      b.onResolve({ filter: new RegExp(`^${runtimeName.replace(/[.]/g, '\\.')}$`) }, (args) => ({ path: args.path, external: true }));
    },
  };
  const startup = await build({ ...common, entryPoints: [options.entry], outfile: options.outfile, external, plugins: [toRuntime] });
  const inputs = [...Object.keys(startup.metafile.inputs), ...Object.keys(runtime.metafile.inputs)];
  const projects = new Set(inputs.flatMap((input) => /^((?:libs|apps)\/[^/]+)\/dist\//.exec(input)?.[1] ?? []));
  const buildInfo = [...projects].sort().flatMap((project) => {
    const dist = join(options.root, project, 'dist');
    return readdirSync(dist).filter((f) => f.endsWith('.tsbuildinfo')).map((f) => relative(dirname(options.outfile), join(dist, f)));
  });
  const written: BundleInputs = { buildInfo };
  writeFileSync(`${options.outfile}.inputs.json`, `${JSON.stringify(written, null, 2)}\n`);
  return { startup: startup.metafile, runtime: runtime.metafile };
}
