import { highestRelease, packageNameOf, packumentsFromLockfile, type Lockfile } from './lockfile-packuments';

describe('packumentsFromLockfile', () => {
  const lock: Lockfile = {
    lockfileVersion: 3,
    packages: {
      '': { name: 'root', version: '0.1.0' },
      'libs/a': { name: '@x/a', version: '0.1.0' },
      'node_modules/@x/a': { resolved: 'libs/a', link: true },
      'node_modules/zod': { version: '4.6.7', integrity: 'sha512-Z', license: 'MIT' },
      'node_modules/b': { version: '2.0.0', integrity: 'sha512-B2', dependencies: { zod: '^4.0.0' }, bin: { b: 'cli.js' }, engines: { node: '>=20' } },
      'node_modules/c/node_modules/b': { version: '1.4.0', integrity: 'sha512-B1', peerDependencies: { zod: '*' }, peerDependenciesMeta: { zod: { optional: true } } },
      'node_modules/d-linux': { version: '1.0.0', integrity: 'sha512-D', optional: true, os: ['linux'], cpu: ['x64'] } as never,
      'node_modules/alias': { name: 'real-name', version: '3.0.0', integrity: 'sha512-R' },
    },
  };
  const docs = packumentsFromLockfile(lock, (i) => `http://r/${i}.tgz`);

  it('lists exactly the locked versions of each third-party package, never workspaces or links', () => {
    expect([...docs.keys()].sort()).toEqual(['b', 'd-linux', 'real-name', 'zod']);
    expect(Object.keys(docs.get('b')!.versions).sort()).toEqual(['1.4.0', '2.0.0']);
    expect(docs.get('b')!['dist-tags'].latest).toBe('2.0.0');
  });

  it('keeps the manifest fields npm resolves with and points the tarball at the integrity', () => {
    expect(docs.get('b')!.versions['2.0.0']).toEqual({
      name: 'b', version: '2.0.0', dependencies: { zod: '^4.0.0' }, bin: { b: 'cli.js' }, engines: { node: '>=20' },
      dist: { tarball: 'http://r/sha512-B2.tgz', integrity: 'sha512-B2' },
    });
    expect(docs.get('b')!.versions['1.4.0']).toMatchObject({ peerDependencies: { zod: '*' }, peerDependenciesMeta: { zod: { optional: true } } });
    expect(docs.get('d-linux')!.versions['1.0.0']).toMatchObject({ os: ['linux'], cpu: ['x64'] });
    expect(docs.get('d-linux')!.versions['1.0.0']).not.toHaveProperty('optional');
  });

  it('refuses a lockfile without a packages map', () => {
    expect(() => packumentsFromLockfile({ lockfileVersion: 1, packages: {} }, String)).toThrow(/lockfileVersion 1/);
  });

  it('names nested locations and picks the highest release', () => {
    expect(packageNameOf('node_modules/a/node_modules/@s/b')).toBe('@s/b');
    expect(highestRelease(['1.2.3', '1.10.0', '2.0.0-rc.1', '1.9.9'])).toBe('1.10.0');
    expect(highestRelease(['2.0.0-rc.1'])).toBeUndefined();
  });
});
