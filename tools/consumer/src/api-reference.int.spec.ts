import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// `npm run docs` is the API reference a library user reads: a broken link or a public type that leaks a
// private one is a TypeDoc warning, and typedoc.json treats warnings as errors. Emitting nothing keeps it quick.
describe('the API reference (TypeDoc over every lib public face)', () => {
  it('builds with no warning', () => {
    const root = join(__dirname, '..', '..', '..');
    const run = spawnSync(process.execPath, [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--options', 'typedoc.json', '--emit', 'none'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const warnings = `${run.stdout}${run.stderr}`.split('\n').filter((l) => /\[(warning|error)\]/.test(l));
    expect(warnings).toEqual([]);
    expect(run.status).toBe(0);
  }, 120_000);
});
