/** One `packages` entry of a lockfileVersion 3 `package-lock.json`. */
export interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bin?: Record<string, string> | string;
  engines?: Record<string, string> | string[];
  os?: string[];
  cpu?: string[];
  license?: string;
  deprecated?: string;
  hasInstallScript?: boolean;
}

export interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

/** A version inside a registry document: the manifest fields npm resolves with, and where its tarball is. */
export interface PackumentVersion {
  name: string;
  version: string;
  dist: { tarball: string; integrity?: string; shasum?: string };
  [field: string]: unknown;
}

/** A registry document (packument). */
export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, PackumentVersion>;
}

const MANIFEST_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines', 'os', 'cpu', 'license', 'deprecated', 'hasInstallScript'] as const;

/** `node_modules/a/node_modules/@s/b` → `@s/b`. */
export const packageNameOf = (location: string): string => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);

const numeric = (v: string): number[] | null => {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
};

/** Highest release (not pre-release) version, by semver precedence. */
export function highestRelease(versions: string[]): string | undefined {
  let best: { v: string; n: number[] } | undefined;
  for (const v of versions) {
    const n = numeric(v);
    if (!n) continue;
    if (!best || (n[0] - best.n[0] || n[1] - best.n[1] || n[2] - best.n[2]) > 0) best = { v, n };
  }
  return best?.v;
}

/**
 * Registry documents for every third-party package the lockfile pins: each name lists exactly the versions the
 * repository's install uses, with the manifest fields the lockfile records (dependencies, peers, bin, engines,
 * os/cpu…) and the tarball at `tarballUrl(integrity)`. An install resolved against these documents can only
 * pick versions the repository itself installed, so every tarball it wants is already in the npm cache.
 * Workspace links and entries without an integrity (workspaces, links) are left out.
 */
export function packumentsFromLockfile(lock: Lockfile, tarballUrl: (integrity: string) => string): Map<string, Packument> {
  if (lock.lockfileVersion < 2) throw new Error(`package-lock.json lockfileVersion ${lock.lockfileVersion} has no packages map (need 2 or 3)`);
  const docs = new Map<string, Packument>();
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (!location.includes('node_modules/') || entry.link || !entry.version || !entry.integrity) continue;
    const name = entry.name ?? packageNameOf(location);
    const doc = docs.get(name) ?? { name, 'dist-tags': {}, versions: {} };
    const version: PackumentVersion = { name, version: entry.version, dist: { tarball: tarballUrl(entry.integrity), integrity: entry.integrity } };
    for (const field of MANIFEST_FIELDS) if (entry[field] !== undefined) version[field] = entry[field];
    doc.versions[entry.version] = version;
    docs.set(name, doc);
  }
  for (const doc of docs.values()) {
    const versions = Object.keys(doc.versions);
    doc['dist-tags'].latest = highestRelease(versions) ?? versions[0];
  }
  return docs;
}
