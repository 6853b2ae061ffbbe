import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', 'bin', 'motif.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A package laid out like apps/cli: bin/motif.js, and a dist whose entries say which one ran. */
function layout(files: { bundle?: boolean; inputs?: string[] }): { root: string; run(env?: NodeJS.ProcessEnv): string; age(file: string, seconds: number): void } {
  const root = mkdtempSync(join(tmpdir(), 'motif-bin-'));
  dirs.push(root);
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist'));
  copyFileSync(BIN, join(root, 'bin', 'motif.js'));
  writeFileSync(join(root, 'dist', 'main.js'), "process.stdout.write('main')");
  if (files.bundle) writeFileSync(join(root, 'dist', 'motif.cjs'), "process.stdout.write('bundle')");
  if (files.inputs) writeFileSync(join(root, 'dist', 'motif.cjs.inputs.json'), JSON.stringify({ buildInfo: files.inputs }));
  return {
    root,
    run: (env = {}) => execFileSync(process.execPath, [join(root, 'bin', 'motif.js')], { encoding: 'utf8', env: { ...process.env, ...env } }),
    age: (file, seconds) => {
      const t = Date.now() / 1000 - seconds;
      utimesSync(join(root, file), t, t);
    },
  };
}

describe('bin/motif.js', () => {
  it('runs the bundle when every project in it was compiled before it', () => {
    const l = layout({ bundle: true, inputs: ['../lib.tsbuildinfo', '../gone.tsbuildinfo'] });
    writeFileSync(join(l.root, 'lib.tsbuildinfo'), '{}');
    l.age('lib.tsbuildinfo', 60);
    expect(l.run()).toBe('bundle');
  });

  it('runs dist/main.js when a project was compiled after the bundle (tsc -b alone): the bundle is stale', () => {
    const l = layout({ bundle: true, inputs: ['../lib.tsbuildinfo'] });
    writeFileSync(join(l.root, 'lib.tsbuildinfo'), '{}');
    l.age('dist/motif.cjs', 60);
    expect(l.run()).toBe('main');
  });

  it('runs dist/main.js when there is no bundle, and the bundle when it lists no build info (a published package)', () => {
    expect(layout({}).run()).toBe('main');
    expect(layout({ bundle: true }).run()).toBe('bundle');
  });

  it('compiles the bundle through the V8 code cache: an entry written by the first run, in a directory of the user\'s', () => {
    const l = layout({ bundle: true });
    const tmp = mkdtempSync(join(tmpdir(), 'motif-bin-tmp-'));
    dirs.push(tmp);
    // The copied bin finds @motif/vector-store where an installed CLI would: among its dependencies.
    const env = { TMPDIR: tmp, NODE_PATH: join(__dirname, '..', '..', '..', 'node_modules'), NODE_DISABLE_COMPILE_CACHE: '' };
    expect(l.run(env)).toBe('bundle');
    const [dir] = readdirSync(tmp);
    expect(dir).toMatch(/^motif-compile-cache-/);
    expect(readdirSync(join(tmp, dir)).filter((f) => f.endsWith('.v8cache'))).toHaveLength(1);
    expect(l.run(env)).toBe('bundle');
    expect(l.run({ ...env, NODE_DISABLE_COMPILE_CACHE: '1' })).toBe('bundle');
  });
});
