import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

/**
 * What makes a library or app installable from its `npm pack` tarball, checked on the manifests
 * themselves (the consumer test then proves it by installing the tarballs):
 * public, `dist/` shipped and pointed at, a `tsconfig.lib.json` that keeps specs out of the build,
 * every third-party import declared at the root's exact pin, and `@motif/*` deps as `^version` ranges.
 */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  files?: string[];
  exports?: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  nx?: { tags?: string[] };
  /** What a bundle in `dist` leaves for `require` to find at run time (tools/bundle-cli reads the CLI's). */
  motif?: { bundleExternals?: string[] };
}

export interface ManifestProblem {
  project: string;
  message: string;
}

// `require.resolve('pkg/…')` counts too: the CLI finds the API's entry that way (to start it, not to load it).
const IMPORT_RE = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire(?:\.resolve)?\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
const BUILTINS = new Set(builtinModules);

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; null for relative, `node:` and built-in specifiers. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return BUILTINS.has(name) ? null : name;
}

/** A tsconfig glob (`src/**\/*.spec.ts`, `src/testing/**`) as a regular expression over project-relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else re += /[.+?^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${re}$`);
}

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) yield* tsFiles(full);
    else if (entry.endsWith('.ts')) yield full;
  }
}

/** Project-relative paths of the TypeScript files `tsconfig.lib.json` builds into `dist/`. */
export function shippedSources(projectDir: string): string[] {
  const tsconfig = JSON.parse(readFileSync(join(projectDir, 'tsconfig.lib.json'), 'utf8')) as { exclude?: string[] };
  const excluded = (tsconfig.exclude ?? []).map(globToRegExp);
  return [...tsFiles(join(projectDir, 'src'))]
    .map((f) => relative(projectDir, f).split('\\').join('/'))
    .filter((f) => !excluded.some((re) => re.test(f)));
}

/** Third-party packages imported by the shipped sources, with one file that imports each. */
export function shippedImports(projectDir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of shippedSources(projectDir)) {
    for (const m of readFileSync(join(projectDir, file), 'utf8').matchAll(IMPORT_RE)) {
      const pkg = packageOf(m[1]);
      if (pkg && !found.has(pkg)) found.set(pkg, file);
    }
  }
  return found;
}

const distTargetOf = (path: string): string | null => {
  const m = /^\.\/dist\/(.+)\.(js|d\.ts)$/.exec(path);
  return m ? `src/${m[1]}.ts` : null;
};

/** `@types/better-sqlite3` → `better-sqlite3`, `@types/scope__name` → `@scope/name`; undefined for other names. */
export const typesFor = (pkg: string): string | undefined => {
  if (!pkg.startsWith('@types/')) return undefined;
  const name = pkg.slice('@types/'.length);
  return name.includes('__') ? `@${name.replace('__', '/')}` : name;
};

/** Every problem that would stop `projectDir`'s tarball from installing and working outside the repo. */
export function checkManifest(
  projectDir: string,
  manifest: Manifest,
  rootPins: Readonly<Record<string, string>>,
  versions: ReadonlyMap<string, string>,
): ManifestProblem[] {
  const problems: string[] = [];
  if (manifest.private) problems.push('is private: it cannot be published');
  if (!manifest.files?.includes('dist')) problems.push("'files' must include 'dist' (the root .gitignore excludes it, so npm would leave it out)");
  if (!existsSync(join(projectDir, 'tsconfig.lib.json'))) problems.push('has no tsconfig.lib.json');
  else if (!shippedSources(projectDir).every((f) => !f.endsWith('.spec.ts'))) problems.push('tsconfig.lib.json builds spec files into dist/');

  const entryPoints: Array<[string, string | undefined]> = [['main', manifest.main], ['types', manifest.types]];
  for (const [sub, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target === 'string') continue; // './package.json'
    entryPoints.push([`exports['${sub}'].types`, target.types], [`exports['${sub}'].default`, target.default]);
    const source = target['@motif/source'];
    if (source && distTargetOf(target.default ?? '') !== source.slice(2)) problems.push(`exports['${sub}'] builds '${source}' but points at '${target.default}'`);
  }
  for (const [field, target] of entryPoints) {
    if (target === undefined) continue;
    const source = distTargetOf(target);
    if (!source) problems.push(`${field} '${target}' is not under ./dist/`);
    else if (!existsSync(join(projectDir, source))) problems.push(`${field} '${target}' has no source ${source}`);
  }
  for (const [bin, file] of Object.entries(manifest.bin ?? {})) {
    const top = file.replace(/^\.\//, '').split('/')[0];
    if (!existsSync(join(projectDir, file))) problems.push(`bin '${bin}' → ${file} does not exist`);
    else if (!manifest.files?.includes(top)) problems.push(`bin '${bin}' is in '${top}/', which 'files' leaves out`);
  }

  const deps = manifest.dependencies ?? {};
  const imports = shippedImports(projectDir);
  // A shipped bundle requires its externals at run time: declared dependencies like any import.
  for (const spec of manifest.motif?.bundleExternals ?? []) {
    const pkg = packageOf(spec);
    if (pkg && !imports.has(pkg)) imports.set(pkg, 'the bundle (motif.bundleExternals)');
  }
  for (const [pkg, file] of imports) {
    if (pkg === manifest.name) continue;
    const declared = deps[pkg];
    if (pkg.startsWith('@motif/')) {
      const want = versions.has(pkg) ? `^${versions.get(pkg)}` : undefined;
      if (declared === undefined) problems.push(`imports '${pkg}' (${file}) but does not declare it in dependencies`);
      else if (want && declared !== want) problems.push(`declares '${pkg}' as '${declared}'; internal dependencies are '${want}'`);
    } else if (declared === undefined) {
      problems.push(`imports '${pkg}' (${file}) but does not declare it in dependencies`);
    } else if (rootPins[pkg] === undefined) {
      problems.push(`depends on '${pkg}', which the root package.json does not pin`);
    } else if (declared !== rootPins[pkg]) {
      problems.push(`declares '${pkg}@${declared}'; the root pins '${rootPins[pkg]}'`);
    }
  }
  for (const [pkg, declared] of Object.entries(deps)) {
    // `@types/x` ships the types of an imported `x` whose types the published .d.ts files expose
    const typed = typesFor(pkg);
    if (typed !== undefined && imports.has(typed)) {
      if (rootPins[pkg] === undefined) problems.push(`depends on '${pkg}', which the root package.json does not pin`);
      else if (declared !== rootPins[pkg]) problems.push(`declares '${pkg}@${declared}'; the root pins '${rootPins[pkg]}'`);
    } else if (!imports.has(pkg)) problems.push(`declares '${pkg}' in dependencies, but no shipped file imports it`);
  }
  return problems.map((message) => ({ project: manifest.name, message }));
}
