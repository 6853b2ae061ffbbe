import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { bundleCli } from './bundle-cli';

/** `npm run build` runs this after `tsc -b`: apps/cli/dist/motif.cjs, what `bin/motif.js` (the `motif` command) runs. */
const ROOT = join(__dirname, '..', '..', '..');
const cli = join(ROOT, 'apps', 'cli', 'dist');
const size = (m: Metafile): string => `${Object.keys(m.inputs).length} modules, ${(Object.values(m.outputs).reduce((sum, o) => sum + o.bytes, 0) / 1048576).toFixed(2)} MB`;
bundleCli({ entry: join(cli, 'main.js'), outfile: join(cli, 'motif.cjs'), root: ROOT }).then(
  ({ startup, runtime }) => process.stderr.write(`bundled the CLI: apps/cli/dist/motif.cjs (${size(startup)}) + motif-runtime.cjs (${size(runtime)})\n`),
  (error: unknown) => {
    process.stderr.write(`bundling the CLI failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
