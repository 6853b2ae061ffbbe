import { execFile, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { Lockfile } from './lockfile-packuments';
import { startLocalRegistry, type LocalRegistry, type LocalTarball } from './local-registry';
import { NpmCache } from './npm-cache';
import { libraryExamples } from './readme-examples';
import { publishablePackages, type WorkspacePackage } from './workspace-packages';

/**
 * The outside consumer. Every publishable workspace package is packed with `npm pack` and installed into
 * projects in the OS temp dir, far from any workspace, through a loopback registry that serves only the
 * tarballs and, for third-party packages, the lockfile's versions out of the npm cache `npm ci` filled: no
 * network. There the README examples are type-checked against the published `.d.ts` and run, and
 * `npm install -g` of the CLI tarball gives a working `motif`. Needs the build (`tsc -b`, which `npm test` runs first).
 */
const root = join(__dirname, '..', '..', '..');
// better-sqlite3 and hnswlib-node have no prebuilt binary reachable here, and building them from source for each
// install costs minutes. By default the installs skip install scripts and give each installed one the binary the
// repository's `npm ci` built (same version, same Node), which is what prebuild-install does with a download.
// MOTIF_CONSUMER_NATIVE_BUILD=1 runs the install scripts (a source build) instead.
const BUILD_NATIVE = process.env['MOTIF_CONSUMER_NATIVE_BUILD'] === '1';
const lockfile = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
const lockedVersion = (name: string): string => lockfile.packages[`node_modules/${name}`]!.version!;
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

jest.setTimeout(10 * 60_000);

interface Packed extends LocalTarball {
  pkg: WorkspacePackage;
  files: string[];
}

describe('an outside project installing the packed tarballs', () => {
  const log: string[] = [];
  const step = <T>(what: string, run: () => T): T => {
    const t0 = performance.now();
    const out = run();
    log.push(`${what} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    return out;
  };
  const stepAsync = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await run();
    log.push(`${what} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    return out;
  };
  const started = performance.now();
  let work: string;
  let registry: LocalRegistry;
  let packed: Packed[];
  let npmEnv: NodeJS.ProcessEnv;
  const tarballOf = (name: string): string => {
    const found = packed.find((p) => p.manifest.name === name);
    if (!found) throw new Error(`${name} was not packed (publishable: ${packed.map((p) => p.manifest.name).join(', ')})`);
    return found.path;
  };
  const libs = () => packed.filter((p) => p.pkg.dir.startsWith('libs/'));

  // Asynchronous: the loopback registry answers from this very process, so npm must not block its event loop.
  const npm = async (cwd: string, args: string[]): Promise<string> =>
    (await promisify(execFile)('npm', [...args, ...(BUILD_NATIVE ? [] : ['--ignore-scripts'])], { cwd, env: npmEnv, encoding: 'utf8', maxBuffer: 64 << 20 })).stdout;

  /** Gives every better-sqlite3 and hnswlib-node under `dir` the repository's binary (see BUILD_NATIVE). */
  const provideNativeBinary = (dir: string): void => {
    if (BUILD_NATIVE) return;
    for (const [name, binary] of [['better-sqlite3', 'better_sqlite3.node'], ['hnswlib-node', 'addon.node']] as const) {
      const source = join(root, 'node_modules', name);
      const want = readJson<{ version: string }>(join(source, 'package.json')).version;
      const found: string[] = [];
      const walk = (d: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          if (!e.isDirectory()) continue;
          const full = join(d, e.name);
          if (e.name === name && basename(d) === 'node_modules') found.push(full);
          // into node_modules folders, the packages and scopes inside them, and the scoped packages
          else if (e.name === 'node_modules' || basename(d) === 'node_modules' || basename(d).startsWith('@')) walk(full);
        }
      };
      walk(dir);
      for (const target of found) {
        expect(readJson<{ version: string }>(join(target, 'package.json')).version).toBe(want);
        mkdirSync(join(target, 'build', 'Release'), { recursive: true });
        copyFileSync(join(source, 'build', 'Release', binary), join(target, 'build', 'Release', binary));
      }
    }
  };

  /** A project in the temp dir with `installs` and the given examples, type-checked strictly against the installed `.d.ts`. */
  // `checkLibs`: type-check the installed .d.ts too (skipLibCheck off); once, for the project that has every library.
  const project = async (name: string, installs: string[], examples: Array<{ lib: string; file: string }>, checkLibs: boolean): Promise<string> => {
    const dir = join(work, name);
    mkdirSync(join(dir, 'examples'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `motif-consumer-${name}`, version: '1.0.0', private: true }, null, 2));
    await stepAsync(`${name}: npm install ${installs.map((i) => basename(i)).join(' ')}`, () =>
      npm(dir, ['install', ...installs, `typescript@${lockedVersion('typescript')}`, `@types/node@${lockedVersion('@types/node')}`]),
    );
    provideNativeBinary(join(dir, 'node_modules'));
    for (const { lib, file } of examples) copyFileSync(join(root, 'libs', lib, 'examples', file), join(dir, 'examples', `${lib}--${file}`));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, outDir: 'out', rootDir: 'examples', skipLibCheck: !checkLibs, types: ['node'] },
      include: ['examples/*.ts'],
    }, null, 2));
    step(`${name}: tsc --strict over ${examples.length} README example(s) against the installed .d.ts${checkLibs ? ' (and the .d.ts themselves)' : ''}`, () =>
      execFileSync(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' }),
    );
    return dir;
  };
  const runExample = (dir: string, lib: string, file: string): string =>
    step(`run libs/${lib}/examples/${file}`, () =>
      execFileSync(process.execPath, [join(dir, 'out', `${lib}--${file.replace(/\.ts$/, '.js')}`)], { cwd: dir, encoding: 'utf8', env: { ...npmEnv, MOTIF_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' } }),
    );

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'motif-consumer-'));
    const packDir = join(work, 'tarballs');
    mkdirSync(packDir);
    const packages = publishablePackages(root);
    const out = step(`npm pack of the ${packages.length} publishable workspace packages`, () =>
      JSON.parse(execFileSync('npm', ['pack', ...packages.flatMap((p) => ['-w', p.dir]), '--pack-destination', packDir, '--json', '--ignore-scripts'], {
        cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
      })) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>,
    );
    packed = out.map((p) => {
      const path = join(packDir, p.filename);
      return { path, manifest: manifestInside(path), files: p.files.map((f) => f.path), pkg: packages.find((w) => w.name === p.name)! };
    });
    const cacheDir = execFileSync('npm', ['config', 'get', 'cache'], { cwd: root, encoding: 'utf8' }).trim();
    registry = await startLocalRegistry({ cache: new NpmCache(join(cacheDir, '_cacache')), lockfile, tarballs: packed });
    const npmrc = join(work, 'npmrc');
    writeFileSync(npmrc, `registry=${registry.url}\nfetch-retries=0\nupdate-notifier=false\naudit=false\nfund=false\n`);
    writeFileSync(join(work, 'global-npmrc'), '');
    // No npm settings inherited from the `npm test` that started jest; a fresh npm cache; the loopback registry only.
    // FORCE_COLOR (set by Nx) would colour the examples' console.log output.
    npmEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'FORCE_COLOR'));
    Object.assign(npmEnv, { npm_config_userconfig: npmrc, npm_config_globalconfig: join(work, 'global-npmrc'), npm_config_cache: join(work, 'npm-cache'), npm_config_registry: registry.url });
  });

  afterAll(async () => {
    await registry?.close();
    log.push(`total ${((performance.now() - started) / 1000).toFixed(1)} s; the loopback registry served ${registry?.tarballsServed() ?? 0} tarballs; optional peers looked up and not installed: ${[...(registry?.absentOptionalPeers ?? [])].join(', ') || 'none'}`);
    process.stdout.write(`\nconsumer test, in ${work}:\n${log.map((l) => `  - ${l}`).join('\n')}\n`);
    if (work && process.env['MOTIF_CONSUMER_KEEP'] !== '1') rmSync(work, { recursive: true, force: true });
  });

  it('packs every publishable package with its dist/, README and entry points, and no sources, specs, maps or build info', () => {
    expect(packed.map((p) => p.manifest.name)).toEqual(expect.arrayContaining(['@motif/core-types', '@motif/dag', '@motif/variators', '@motif/patterns', '@motif/cli']));
    const names = new Set(packed.map((p) => p.manifest.name));
    for (const p of packed) {
      const has = (target: string) => p.files.includes(target.replace(/^\.\//, ''));
      expect({ name: p.manifest.name, readme: p.files.includes('README.md') }).toEqual({ name: p.manifest.name, readme: true });
      expect(p.manifest.private).toBeUndefined();
      const targets: string[] = [];
      if (typeof p.manifest['main'] === 'string') targets.push(p.manifest['main']);
      if (typeof p.manifest['types'] === 'string') targets.push(p.manifest['types']);
      const bin = p.manifest['bin'];
      if (bin) targets.push(...(typeof bin === 'string' ? [bin] : Object.values(bin as Record<string, string>)));
      for (const entry of Object.values((p.manifest['exports'] ?? {}) as Record<string, string | Record<string, string>>)) {
        if (typeof entry === 'string') targets.push(entry);
        // `@motif/source` is the workspace's own condition (sources for in-repo tools); it is not for consumers
        else for (const [condition, target] of Object.entries(entry)) if (condition !== '@motif/source') targets.push(target);
      }
      expect({ name: p.manifest.name, missing: targets.filter((t) => !has(t)) }).toEqual({ name: p.manifest.name, missing: [] });
      expect({ name: p.manifest.name, unwanted: p.files.filter((f) => /^src\/|\.spec\.|tsbuildinfo|\.map$|tsconfig|jest\.config|fixtures\//.test(f)) }).toEqual({ name: p.manifest.name, unwanted: [] });
      // every internal dependency is one of the packed packages
      const internal = Object.keys((p.manifest['dependencies'] ?? {}) as Record<string, string>).filter((d) => d.startsWith('@motif/'));
      expect(internal.filter((d) => !names.has(d))).toEqual([]);
    }
    log.push(`packed ${packed.map((t) => `${basename(t.path)} (${t.files.length} files)`).join(', ')}`);
  });

  it('parses, validates and varies a pattern with @motif/dag and @motif/variators alone', async () => {
    const dir = await project('dag-variators', ['@motif/core-types', '@motif/dag', '@motif/variators'].map(tarballOf), [
      { lib: 'dag', file: 'parse-and-validate.ts' },
      { lib: 'variators', file: 'vary-a-pattern.ts' },
    ], false);
    expect(readdirSync(join(dir, 'node_modules', '@motif')).sort()).toEqual(['core-types', 'dag', 'variators']);
    const dag = runExample(dir, 'dag', 'parse-and-validate.ts');
    expect(dag.split('\n')).toEqual(['§[δ×3, Ƀ[ᵬ×2]]', 'true', expect.stringMatching(/^NEEDS_WRAPPER at .*Button: wrap Button in ButtonList$/), '']);
    const vary = runExample(dir, 'variators', 'vary-a-pattern.ts');
    const lines = vary.trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.slice(0, -1).every((l) => /^status-card:v\d+ (original|structure|parameter|combined) §\[/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('true');
    expect(runExample(dir, 'variators', 'vary-a-pattern.ts')).toBe(vary); // same seed, same family
    log.push(`dag + variators printed:\n${`${dag}${vary}`.trim().split('\n').map((l) => `      ${l}`).join('\n')}`);
  });

  it('stores, searches and renders a card through @motif/patterns, and runs every library README example', async () => {
    const examples = libraryExamples(root);
    const dir = await project('libraries', libs().map((p) => p.path), examples, true);
    for (const { lib, file } of examples) {
      const out = runExample(dir, lib, file);
      expect(out.trim().length).toBeGreaterThan(0);
      if (lib === 'patterns' && file === 'store-search-render.ts') {
        const [stored, hit, card] = out.trim().split('\n');
        expect(stored).toMatch(/^stored p_[0-9a-f]{24} §\[δ, Ƀ\[ᵬ×2\]\]$/);
        expect(hit).toBe(`found ${stored.split(' ')[1]}`);
        expect(JSON.parse(card!)).toMatchObject({ cardsV2: [{ cardId: stored.split(' ')[1], card: { sections: [{ widgets: expect.any(Array) }] } }] });
      }
      log.push(`libs/${lib}/examples/${file} printed:\n${out.trim().split('\n').map((l) => `      ${l.length > 160 ? `${l.slice(0, 160)}…` : l}`).join('\n')}`);
    }
    expect(examples).toEqual(expect.arrayContaining([{ lib: 'patterns', file: 'store-search-render.ts' }]));
  });

  it('installs the CLI globally from its tarball: `motif` works from the PATH', async () => {
    const prefix = join(work, 'global');
    await stepAsync('npm install -g --prefix <tmp>/global <the @motif/cli tarball>', () => npm(work, ['install', '-g', '--prefix', prefix, tarballOf('@motif/cli')]));
    provideNativeBinary(join(prefix, 'lib', 'node_modules'));
    const env = { ...npmEnv, PATH: `${join(prefix, 'bin')}:${process.env['PATH']}`, MOTIF_DATA_DIR: join(work, 'cli-data'), NO_COLOR: '1' };
    const motif = (...args: string[]) => execFileSync('motif', args, { cwd: work, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const which = execFileSync('sh', ['-c', 'command -v motif'], { env, encoding: 'utf8' }).trim();
    expect(which).toBe(join(prefix, 'bin', 'motif'));

    expect(motif('--version').trim()).toBe(packed.find((t) => t.manifest.name === '@motif/cli')!.manifest.version);
    expect(motif('dsl', 'parse', 'Section[DecoratedText*3, ButtonList[Button x2]]')).toContain('§[δ×3, Ƀ[ᵬ×2]]');
    const stored = JSON.parse(motif('store', '--file', join(root, 'examples', 'status-card.json'), '--json')) as { pattern: { patternId: string } };
    const found = JSON.parse(motif('search', 'is the server up', '--json')) as { results: Array<{ pattern: { patternId: string } }> };
    expect(found.results[0].pattern.patternId).toBe(stored.pattern.patternId);
    const card = JSON.parse(motif('render', stored.pattern.patternId)) as { cardsV2: Array<{ cardId: string }> };
    expect(card.cardsV2[0].cardId).toBe(stored.pattern.patternId);
    let failure: { status: number | null; stderr: string } | undefined;
    try {
      motif('get', 'p_000000000000000000000000');
    } catch (e) {
      failure = e as { status: number | null; stderr: string };
    }
    expect(failure?.status).not.toBe(0);
    expect(failure?.stderr).toMatch(/not found/i);

    // `motif serve` starts the API the CLI's tarball depends on (@motif/api), not one from a repository layout.
    const served = await serveOnce(env, work, stored.pattern.patternId);
    expect(served.health).toBe(200);
    expect(served.pattern).toBe(stored.pattern.patternId);
    expect(served.exit).toBe(0);
    log.push(`global ${which}: --version, dsl parse, store ${stored.pattern.patternId}, search → ${found.results[0].pattern.patternId}, render → cardsV2, get of a missing id → exit ${failure?.status}; serve → ${served.url} (/healthz ${served.health}, GET the pattern, SIGTERM → exit ${served.exit})`);
    expect(registry.misses).toEqual([]);
  });
});

/** Starts the globally installed `motif serve --port 0`, reads one pattern over HTTP, and stops it with SIGTERM. */
async function serveOnce(env: NodeJS.ProcessEnv, cwd: string, patternId: string): Promise<{ url: string; health: number; pattern: string; exit: number | null }> {
  const child = spawn('motif', ['serve', '--port', '0'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`motif serve printed no URL within 60 s:\n${output}`)), 60_000);
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        output += d;
        const m = /listening on (http:\/\/\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('close', (code) => reject(new Error(`motif serve exited ${code} before listening:\n${output}`)));
    });
    const health = (await fetch(`${url}/healthz`)).status;
    const body = (await (await fetch(`${url}/v1/patterns/${patternId}`)).json()) as { pattern?: { patternId?: string }; patternId?: string };
    child.kill('SIGTERM');
    return { url, health, pattern: body.pattern?.patternId ?? body.patternId ?? '', exit: await exited };
  } finally {
    child.kill('SIGKILL');
  }
}

function manifestInside(tarball: string): LocalTarball['manifest'] {
  return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as LocalTarball['manifest'];
}
