import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Jest loads modules through its own runtime, not Node's `Module.prototype._compile`: each case runs a real Node
// process on the built entry (`npm test` builds first), as the CLI's bin does.
const ENTRY = require.resolve('@motif/vector-store/package.json').replace(/package\.json$/, 'dist/early-start/index.js');

interface Outcome {
  enabled: boolean;
  value: unknown;
  statuses: string[];
}

describe('the V8 code cache (enableCompileCache)', () => {
  let root: string;
  let cacheDir: string;
  let lib: string;
  let helper: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'motif-compile-cache-spec-'));
    cacheDir = join(root, 'cache');
    lib = join(root, 'lib.js');
    helper = join(root, 'helper.js');
    writeFileSync(helper, 'module.exports = (x) => x * 2;\n');
    writeLib('21');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A covered module that requires a sibling, resolves a path and reads its own __filename. */
  const writeLib = (n: string): void =>
    writeFileSync(lib, `const twice = require('./helper');\nmodule.exports = { value: twice(${n}), resolved: require.resolve('./helper') === ${JSON.stringify(helper)}, self: __filename };\n`);

  const run = (env: NodeJS.ProcessEnv = {}): Outcome => {
    const script = `
      const cc = require(${JSON.stringify(ENTRY)});
      const enabled = cc.enableCompileCache([${JSON.stringify(lib)}], { dir: ${JSON.stringify(cacheDir)} });
      const value = require(${JSON.stringify(lib)});
      process.stdout.write(JSON.stringify({ enabled, value, statuses: cc.compileCacheEntries().map((e) => e.status) }));`;
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', ...env } })) as Outcome;
  };
  const entries = (): string[] => (existsSync(cacheDir) ? readdirSync(cacheDir) : []);

  it('compiles without a cache the first time, writes one at exit, and compiles from it the next time', () => {
    const first = run();
    expect(first).toEqual({ enabled: true, value: { value: 42, resolved: true, self: lib }, statuses: ['miss'] });
    expect(entries()).toHaveLength(1);
    const second = run();
    expect(second).toEqual({ enabled: true, value: { value: 42, resolved: true, self: lib }, statuses: ['hit'] });
  });

  it('does not read the entry of another version of the file, and replaces it', () => {
    run();
    const [old] = entries();
    writeLib('50');
    const changed = run();
    expect(changed.statuses).toEqual(['miss']);
    expect(changed.value).toMatchObject({ value: 100 });
    expect(entries()).toHaveLength(1);
    expect(entries()[0]).not.toBe(old);
    expect(run().statuses).toEqual(['hit']);
  });

  it('compiles as usual from an entry V8 refuses, and writes a good one', () => {
    run();
    const [entry] = entries();
    writeFileSync(join(cacheDir, entry), Buffer.alloc(4096, 7));
    const refused = run();
    expect(refused.statuses).toEqual(['rejected']);
    expect(refused.value).toMatchObject({ value: 42 });
    expect(run().statuses).toEqual(['hit']);
  });

  it('never uses a directory others can write to', () => {
    mkdirSync(cacheDir, { mode: 0o700 });
    chmodSync(cacheDir, 0o777);
    const outcome = run();
    expect(outcome.enabled).toBe(false);
    expect(outcome.statuses).toEqual([]);
    expect(outcome.value).toMatchObject({ value: 42 });
    expect(entries()).toEqual([]);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE=1', () => {
    const outcome = run({ NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(outcome).toMatchObject({ enabled: false, statuses: [], value: { value: 42 } });
    expect(existsSync(cacheDir)).toBe(false);
  });
});
