/*
 * V8's code cache for the few big files a one-shot command compiles (the CLI's runtime bundle, 3.2 MB; TensorFlow.js
 * in the model's worker, 1.7 MB): compiling them is ~0.1 s and ~35 ms of start-up here, a cached compile a quarter of
 * that. Node 22 has `module.enableCompileCache()`; Node 20, which Motif supports, does not, so this does the same for
 * the files it is given: compile with the cache when one fits, write one when none did.
 *
 * An entry is named by the file's path, its source's length and CRC-32, Node's version and the architecture, so a changed
 * file or another Node never reads a stale one (V8 also refuses data from another version or flag set, and the file
 * then compiles as usual); writing a file's new entry removes its old ones. Entries live in a directory of the user's own (`<tmpdir>/motif-compile-cache-<uid>`, mode
 * 0700): code cache is code, so a directory another user could write to is never read. `NODE_DISABLE_COMPILE_CACHE=1`
 * (Node's own switch for its cache) turns this off.
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';
import { crc32 } from 'node:zlib';

type CompileFn = (this: NodeModule, content: string, filename: string) => unknown;
interface ModuleInternals {
  _resolveFilename(request: string, parent: NodeModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: NodeModule): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Require['cache'];
}

/** What happened to each file the cache covers (tests and the bench read it). */
export interface CompileCacheEntry {
  readonly filename: string;
  /** `hit`: compiled from the cache; `miss`: none was there (one is written by `saveCompileCache`); `rejected`: V8 refused it. */
  status: 'hit' | 'miss' | 'rejected';
  /** The entry's path. */
  readonly cacheFile: string;
  script?: Script;
  saved?: boolean;
}

const SLOT = Symbol.for('@motif/vector-store/compile-cache');
interface CacheState {
  readonly dir: string;
  readonly files: Set<string>;
  readonly entries: Map<string, CompileCacheEntry>;
}
const holder = globalThis as { [SLOT]?: CacheState };

export interface CompileCacheOptions {
  /** The directory entries live in (default `<tmpdir>/motif-compile-cache-<uid>`). */
  dir?: string;
  env?: NodeJS.ProcessEnv;
}

/** The default cache directory of this user. */
export function compileCacheDir(): string {
  return join(tmpdir(), `motif-compile-cache-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
}

/**
 * Compiles `files` (absolute paths, as `require` resolves them) through the code cache from now on, in this thread.
 * Returns false when it is turned off or the directory is unsafe or cannot be made. Idempotent; later calls add files.
 */
export function enableCompileCache(files: readonly string[], options: CompileCacheOptions = {}): boolean {
  const env = options.env ?? process.env;
  if (env.NODE_DISABLE_COMPILE_CACHE && env.NODE_DISABLE_COMPILE_CACHE !== '0') return false;
  let state = holder[SLOT];
  if (!state) {
    const dir = options.dir ?? compileCacheDir();
    if (!ownPrivateDir(dir)) return false;
    state = { dir, files: new Set(), entries: new Map() };
    holder[SLOT] = state;
    installHook(state);
  }
  for (const f of files) state.files.add(f);
  return true;
}

/** What the cache did for each covered file compiled so far in this thread. */
export function compileCacheEntries(): readonly CompileCacheEntry[] {
  return [...(holder[SLOT]?.entries.values() ?? [])];
}

/**
 * Writes an entry for each covered file that had none (or a refused one), holding every function compiled so far:
 * call it once the work the cache should speed up has run (at exit, or after the model's first call). Never throws.
 */
export function saveCompileCache(): void {
  for (const entry of compileCacheEntries()) {
    if (entry.status === 'hit' || entry.saved || !entry.script) continue;
    entry.saved = true;
    try {
      writeAtomically(entry.cacheFile, entry.script.createCachedData());
      const dir = dirname(entry.cacheFile);
      const prefix = entryPrefix(entry.filename);
      for (const name of readdirSync(dir)) {
        // Older entries of the file, and temp files a process stopped before it renamed them.
        if (name.startsWith(prefix) && join(dir, name) !== entry.cacheFile) rmSync(join(dir, name), { force: true });
      }
    } catch {
      // A cache is an optimisation: a full disk or a read-only tmpdir must not fail the command.
    }
  }
}

function installHook(state: CacheState): void {
  const proto = Module.prototype as unknown as { _compile: CompileFn };
  const original = proto._compile;
  proto._compile = function compileWithCache(this: NodeModule, content: string, filename: string): unknown {
    if (!state.files.has(filename)) return original.call(this, content, filename);
    const cacheFile = join(state.dir, `${entryPrefix(filename)}${content.length}-${hex(crc32(content))}-${process.version}-${process.arch}.v8cache`);
    const cachedData = readIfPresent(cacheFile);
    const script = new Script(Module.wrap(content), { filename, cachedData });
    const status = cachedData === undefined ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
    state.entries.set(filename, { filename, status, cacheFile, script });
    const run = script.runInThisContext() as (exports: unknown, req: NodeJS.Require, mod: NodeModule, file: string, dir: string) => unknown;
    return run.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };
  // A process that exits normally writes what it compiled; a worker calls `saveCompileCache` itself (see use-lite-worker).
  process.once('exit', saveCompileCache);
}

// CRC-32, not a cryptographic hash: the directory is the user's own, and hashing the 3.2 MB bundle with SHA-1 cost
// 11 ms of start-up against ~3 ms.
const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
/** What every entry of one file starts with. */
const entryPrefix = (filename: string): string => `${hex(crc32(filename))}-`;

/** The `require` Node gives a module (its internal `makeRequireFunction`, rebuilt from the public pieces). */
function requireFor(mod: NodeModule): NodeJS.Require {
  const internals = Module as unknown as ModuleInternals;
  const req = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, mod);
  req.resolve = resolve;
  req.main = require.main;
  req.extensions = internals._extensions;
  req.cache = internals._cache;
  return req;
}

/** Makes `dir` if needed and checks it is this user's alone (a directory, owned by us, no group/other write). */
function ownPrivateDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory()) return false;
    if (typeof process.getuid === 'function' && (st.uid !== process.getuid() || (st.mode & 0o022) !== 0)) return false;
    return true;
  } catch {
    return false;
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Temp file, fsync, rename: a reader sees a whole entry or none (V8 also checks an entry's own checksum). */
function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.${threadId}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
