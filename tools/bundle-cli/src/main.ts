import { join } from 'node:path';
import { bundleCli } from './bundle-cli';

/** `npm run build` runs this after `tsc -b`: apps/cli/dist/motif.cjs, what `bin/motif.js` (the `motif` command) runs. */
const ROOT = join(__dirname, '..', '..', '..');
const cli = join(ROOT, 'apps', 'cli', 'dist');
const meta = bundleCli({ entry: join(cli, 'main.js'), outfile: join(cli, 'motif.cjs'), root: ROOT });
const bytes = Object.values(meta.outputs).reduce((sum, o) => sum + o.bytes, 0);
process.stderr.write(`bundled the CLI: ${Object.keys(meta.inputs).length} modules, ${(bytes / 1048576).toFixed(1)} MB → apps/cli/dist/motif.cjs\n`);
