import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { packumentsFromLockfile, type Lockfile, type Packument } from './lockfile-packuments';
import type { NpmCache } from './npm-cache';

/** A tarball made by `npm pack`, with the manifest it carries. */
export interface LocalTarball {
  path: string;
  manifest: { name: string; version: string; private?: boolean; [field: string]: unknown };
}

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/`, for `--registry`. */
  readonly url: string;
  /** What was asked for and could not be served (a name the lockfile does not pin, a tarball missing from the cache). */
  readonly misses: string[];
  /**
   * Optional peer dependencies that npm looked up and the repository does not install (a 404, which npm
   * accepts for an optional peer): named for the report, not failures.
   */
  readonly absentOptionalPeers: Set<string>;
  /** How many tarballs were served, the workspace's and the cached ones. */
  readonly tarballsServed: () => number;
  close(): Promise<void>;
}

/**
 * An npm registry on the loopback interface that serves only what is on this machine: the workspace's
 * `npm pack` tarballs (as `npm publish` would upload them), and every third-party package at the versions the
 * repository's `package-lock.json` pins, with its tarball read from the npm cache that the repository's own
 * `npm ci` filled. `npm install` and `npm install -g` then resolve dependencies exactly as they would against
 * the public registry, with no network and nothing that is not already here.
 */
export async function startLocalRegistry(options: { cache: NpmCache; lockfile: Lockfile; tarballs: LocalTarball[] }): Promise<LocalRegistry> {
  let base = '';
  const misses: string[] = [];
  const absentOptionalPeers = new Set<string>();
  const optionalPeers = new Set<string>();
  for (const entry of Object.values(options.lockfile.packages)) {
    for (const [peer, meta] of Object.entries(entry.peerDependenciesMeta ?? {})) if (meta.optional) optionalPeers.add(peer);
  }
  let served = 0;
  const local = new Map<string, { tarball: LocalTarball; integrity: string; shasum: string }>();
  for (const tarball of options.tarballs) {
    const bytes = readFileSync(tarball.path);
    local.set(tarball.manifest.name, {
      tarball,
      integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
      shasum: createHash('sha1').update(bytes).digest('hex'),
    });
  }
  // Tarball URLs need the port: the documents are built once the server listens.
  let thirdParty = new Map<string, Packument>();

  const localDocument = (name: string): Packument => {
    const { tarball, integrity, shasum } = local.get(name)!;
    const { version } = tarball.manifest;
    return {
      name,
      'dist-tags': { latest: version },
      versions: { [version]: { ...tarball.manifest, name, version, _id: `${name}@${version}`, dist: { tarball: `${base}-/local/${encodeURIComponent(name)}/${version}.tgz`, integrity, shasum } } },
    };
  };

  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const stream = (file: string) => {
      served++;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      createReadStream(file).pipe(res);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { error: 'read-only registry' });
    let m = /^-\/local\/(.+)\/([^/]+)\.tgz$/.exec(path);
    if (m && local.get(m[1])?.tarball.manifest.version === m[2]) return stream(local.get(m[1])!.tarball.path);
    m = /^-\/cached\/(.+)\.tgz$/.exec(path);
    if (m) {
      const file = options.cache.contentPath(m[1]);
      if (file) return stream(file);
      misses.push(`tarball ${m[1]} (not in the npm cache)`);
      return send(404, { error: 'not in the npm cache' });
    }
    if (/^(@[^/]+\/)?[^/@][^/]*$/.test(path)) {
      const doc = local.has(path) ? localDocument(path) : thirdParty.get(path);
      if (doc) return send(200, doc);
      if (optionalPeers.has(path)) absentOptionalPeers.add(path);
      else misses.push(`${path} (neither a workspace tarball nor pinned by package-lock.json)`);
      return send(404, { error: `${path} is neither a workspace tarball nor pinned by package-lock.json` });
    }
    misses.push(path);
    return send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  thirdParty = packumentsFromLockfile(options.lockfile, (integrity) => `${base}-/cached/${encodeURIComponent(integrity)}.tgz`);
  return {
    url: base,
    misses,
    absentOptionalPeers,
    tarballsServed: () => served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
