import { readFileSync } from 'node:fs';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkManifest, globToRegExp, packageOf, type Manifest } from './package-manifests';
import { readProjects } from './workspace-scan';

describe('package manifest rules', () => {
  it('names the package a specifier comes from', () => {
    expect(packageOf('@qdrant/js-client-rest')).toBe('@qdrant/js-client-rest');
    expect(packageOf('@motif/cache/testing')).toBe('@motif/cache');
    expect(packageOf('graphology-dag/topological-sort')).toBe('graphology-dag');
    expect(packageOf('node:fs')).toBeNull();
    expect(packageOf('path')).toBeNull();
    expect(packageOf('./x')).toBeNull();
  });

  it('reads tsconfig globs', () => {
    expect(globToRegExp('src/**/*.spec.ts').test('src/a/b.spec.ts')).toBe(true);
    expect(globToRegExp('src/**/*.spec.ts').test('src/b.spec.ts')).toBe(true);
    expect(globToRegExp('src/**/*.spec.ts').test('src/b.ts')).toBe(false);
    expect(globToRegExp('src/testing/**').test('src/testing/x/y.ts')).toBe(true);
    expect(globToRegExp('src/testing/**').test('src/a/testing/y.ts')).toBe(false);
  });

  describe('on a made-up package', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'motif-manifest-'));
      mkdirSync(join(dir, 'src', 'testing'), { recursive: true });
      writeFileSync(join(dir, 'tsconfig.lib.json'), JSON.stringify({ exclude: ['src/**/*.spec.ts', 'src/testing/**'] }));
      // Built from parts so the layering scan of this file does not read it as an import.
      const dagImport = ['import type { Catalog } from ', "'@motif/dag';"].join('');
      writeFileSync(join(dir, 'src', 'index.ts'), `import { z } from 'zod';\n${dagImport}\nimport { readFileSync } from 'node:fs';\n`);
      writeFileSync(join(dir, 'src', 'index.spec.ts'), "import fc from 'fast-check';\n");
      writeFileSync(join(dir, 'src', 'testing', 'helper.ts'), "import request from 'supertest';\n");
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const good: Manifest = {
      name: '@motif/x', version: '0.1.0', main: './dist/index.js', types: './dist/index.d.ts', files: ['dist'],
      exports: { '.': { '@motif/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' } },
      dependencies: { zod: '4.6.7', '@motif/dag': '^0.1.0' },
    };
    const check = (m: Manifest, pins: Record<string, string> = {}) => checkManifest(dir, m, { zod: '4.6.7', ...pins }, new Map([['@motif/dag', '0.1.0']])).map((p) => p.message);

    it('accepts a publishable manifest; spec and spec-only helper imports need no declaration', () => {
      expect(check(good)).toEqual([]);
    });
    it('reports every way a tarball would fail outside the repository', () => {
      const bad = check({
        ...good, private: true, files: ['src'], main: './src/index.ts',
        dependencies: { zod: '^4.6.7', '@motif/dag': '*', lodash: '4.17.21' },
      });
      expect(bad).toEqual([
        'is private: it cannot be published',
        "'files' must include 'dist' (the root .gitignore excludes it, so npm would leave it out)",
        "main './src/index.ts' is not under ./dist/",
        "declares 'zod@^4.6.7'; the root pins '4.6.7'",
        "declares '@motif/dag' as '*'; internal dependencies are '^0.1.0'",
        "declares 'lodash' in dependencies, but no shipped file imports it",
      ]);
      expect(check({ ...good, dependencies: { ...good.dependencies, '@types/zod': '1.0.0', '@types/lodash': '1.0.0' } }, { '@types/zod': '1.0.0' })).toEqual([
        "declares '@types/lodash' in dependencies, but no shipped file imports it",
      ]);
      expect(check({ ...good, dependencies: { ...good.dependencies, '@types/zod': '2.0.0' } }, { '@types/zod': '1.0.0' })).toEqual([
        "declares '@types/zod@2.0.0'; the root pins '1.0.0'",
      ]);
      // A bundle's externals are required by the shipped bundle: declared, pinned, and not reported as unused.
      expect(check({ ...good, dependencies: { ...good.dependencies, ioredis: '6.0.0' }, motif: { bundleExternals: ['ioredis'] } }, { ioredis: '6.0.0' })).toEqual([]);
      expect(check({ ...good, motif: { bundleExternals: ['ioredis/built/x'] } }, { ioredis: '6.0.0' })).toEqual([
        "imports 'ioredis' (the bundle (motif.bundleExternals)) but does not declare it in dependencies",
      ]);
      expect(check({ ...good, dependencies: {} })).toEqual([
        "imports 'zod' (src/index.ts) but does not declare it in dependencies",
        "imports '@motif/dag' (src/index.ts) but does not declare it in dependencies",
      ]);
    });
  });
});

// Runs inside `npm test` on the real workspace.
describe('workspace package manifests', () => {
  const root = join(__dirname, '..', '..', '..');
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const projects = [...readProjects(root).values()];
  const manifests = new Map(projects.map((p) => [p.name, JSON.parse(readFileSync(join(root, p.root, 'package.json'), 'utf8')) as Manifest]));
  const versions = new Map([...manifests].map(([name, m]) => [name, m.version]));

  it.each(projects.filter((p) => p.type !== 'tool').map((p) => [p.name, p.root]))('%s installs from its tarball', (name, projectRoot) => {
    const rootPins = { ...rootPkg.dependencies };
    expect(checkManifest(join(root, projectRoot), manifests.get(name)!, rootPins, versions)).toEqual([]);
  });

  it('pins every root dependency exactly', () => {
    const loose = Object.entries({ ...rootPkg.dependencies }).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(v));
    expect(loose).toEqual([]);
  });
});
