import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleCli, cliBundleExternals, type BundledCli } from './bundle-cli';

const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'apps', 'cli', 'dist', 'main.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'motif-bundle-'));
  dirs.push(d);
  return d;
};

/** Runs a CLI entry with a preload that reports, at exit, every file Node loaded through `require`. */
function run(entry: string, args: string[], dataDir: string): { stdout: string; loaded: string[] } {
  const tmp = fresh();
  const report = join(tmp, 'loaded.json');
  const preload = join(tmp, 'record-loaded.js');
  writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));`);
  const stdout = execFileSync(process.execPath, ['-r', preload, entry, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MOTIF_DATA_DIR: dataDir, MOTIF_EMBEDDER: 'hashing', LOG_LEVEL: 'silent' },
  });
  return { stdout, loaded: JSON.parse(readFileSync(report, 'utf8')) as string[] };
}

describe('the CLI bundle', () => {
  // Beside the real one: the externals resolve from the CLI's own node_modules, as they do for `motif`.
  const out = join(ROOT, 'apps', 'cli', 'dist', `motif.spec-${process.pid}.cjs`);
  let meta: BundledCli;
  beforeAll(async () => {
    meta = await bundleCli({ entry: MAIN, outfile: out, root: ROOT });
  });
  afterAll(() => [out, `${out}.inputs.json`, out.replace(/\.cjs$/, '-runtime.cjs')].forEach((f) => rmSync(f, { force: true })));

  it('holds the commands in the start-up file, the libraries and their dependencies in the runtime one, not the externals', () => {
    const startup = Object.keys(meta.startup.inputs);
    const runtime = Object.keys(meta.runtime.inputs);
    for (const lib of ['libs/core-types/', 'libs/patterns/', 'libs/vector-store/', 'node_modules/zod/', 'node_modules/inversify/']) {
      expect(runtime.some((f) => f.includes(lib))).toBe(true);
      expect(startup.some((f) => f.includes(lib) && !f.includes('early-start'))).toBe(false);
    }
    expect(startup.some((f) => f.includes('apps/cli/dist/commands/'))).toBe(true);
    expect(startup.some((f) => f.includes('libs/vector-store/dist/embedding/use-lite-early-start.js'))).toBe(true); // starts the model first
    for (const external of ['better-sqlite3', 'ioredis', '@energetic-ai', '@qdrant']) expect([...startup, ...runtime].some((f) => f.includes(`node_modules/${external}`))).toBe(false);
    expect(cliBundleExternals(ROOT)).toContain('better-sqlite3');
    // bin/motif.js compares the bundle with the build info of every project in it.
    const { buildInfo } = JSON.parse(readFileSync(`${out}.inputs.json`, 'utf8')) as { buildInfo: string[] };
    expect(buildInfo).toContain('tsconfig.lib.tsbuildinfo'); // the CLI's own, beside the bundle
    for (const lib of ['core-types', 'patterns', 'vector-store']) expect(buildInfo).toContain(`../../../libs/${lib}/dist/tsconfig.lib.tsbuildinfo`);
  });

  it('answers a search exactly as dist/main.js does, without loading a library file of its own', () => {
    const dataDir = fresh();
    run(MAIN, ['import', join(ROOT, 'examples', 'example-patterns.jsonl')], dataDir);
    const args = ['search', 'server status card', '--json'];
    const bundled = run(out, args, dataDir);
    const plain = run(MAIN, args, dataDir);
    const answer = (stdout: string) => ({ ...(JSON.parse(stdout) as Record<string, unknown>), tookMs: undefined });
    expect((JSON.parse(bundled.stdout) as { results: unknown[] }).results.length).toBeGreaterThan(0);
    expect(answer(bundled.stdout)).toEqual(answer(plain.stdout));
    const ours = (files: string[]) => files.filter((f) => f.startsWith(join(ROOT, 'libs')) || f.includes('/node_modules/zod/'));
    expect(ours(plain.loaded).length).toBeGreaterThan(50); // the recorder sees them when they are loaded one by one
    expect(ours(bundled.loaded)).toEqual([]);
    expect(bundled.loaded.some((f) => f.includes('better-sqlite3'))).toBe(true); // externals still come from node_modules
  });
});
