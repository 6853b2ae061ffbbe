import { checkDeclaredDeps, checkImport, type ProjectInfo } from './layering-rules';

const p = (name: string, layer: number, type: ProjectInfo['type'] = 'lib', deps: string[] = [], hasTestingExport = false): ProjectInfo => ({
  name, root: `libs/${name.slice(7)}`, layer, type, declaredDeps: deps, hasTestingExport,
});
const projects = new Map([
  ['@motif/core-types', p('@motif/core-types', 0)],
  ['@motif/dag', p('@motif/dag', 1, 'lib', ['@motif/core-types'])],
  ['@motif/cache', p('@motif/cache', 2, 'lib', ['@motif/core-types'], true)],
  ['@motif/variators', p('@motif/variators', 2, 'lib', ['@motif/dag'])],
  ['@motif/api', p('@motif/api', 4, 'app', ['@motif/core-types'])],
]);
const site = (specifier: string, file = 'x.ts') => ({ file, line: 1, specifier });

describe('layering rules', () => {
  it('allows an import of a declared lower layer', () => {
    expect(checkImport(projects.get('@motif/dag')!, site('@motif/core-types'), projects)).toBeNull();
  });
  it('refuses an upward import', () => {
    expect(checkImport(projects.get('@motif/dag')!, site('@motif/cache'), projects)?.message).toMatch(/lower layers only/);
  });
  it('refuses a sibling import on the same layer', () => {
    expect(checkImport(projects.get('@motif/variators')!, site('@motif/cache'), projects)?.message).toMatch(/layer 2/);
  });
  it('refuses deep imports', () => {
    expect(checkImport(projects.get('@motif/dag')!, site('@motif/core-types/src/errors'), projects)?.message).toMatch(/deep import/);
  });
  it('lets specs and tools, and nothing else, import a /testing subpath that exists', () => {
    const api = projects.get('@motif/api')!;
    const withCache = { ...api, declaredDeps: ['@motif/cache'] };
    expect(checkImport(withCache, site('@motif/cache/testing', 'apps/api/src/server.int.spec.ts'), projects)).toBeNull();
    expect(checkImport(withCache, site('@motif/cache/testing', 'apps/api/src/testing/fake-config.ts'), projects)).toBeNull();
    expect(checkImport(withCache, site('@motif/cache/testing', 'apps/api/src/server.ts'), projects)?.message).toMatch(/only specs, test helpers and tools/);
    const tool = p('@motif/bench', 5, 'tool', ['@motif/cache']);
    expect(checkImport(tool, site('@motif/cache/testing', 'tools/bench/src/suites/cache-bench.ts'), projects)).toBeNull();
    expect(checkImport(projects.get('@motif/variators')!, site('@motif/dag/testing', 'libs/variators/src/a.spec.ts'), projects)?.message).toMatch(/no '.\/testing' export/);
  });
  it('allows a light entry the package exports, and no other subpath of it', () => {
    const store = { ...p('@motif/vector-store', 2, 'lib', ['@motif/core-types'], true), entries: ['/early-start'] };
    const all = new Map([...projects, ['@motif/vector-store', store]]);
    const cli = p('@motif/cli', 4, 'app', ['@motif/vector-store']);
    expect(checkImport(cli, site('@motif/vector-store/early-start', 'apps/cli/src/lazy-modules.ts'), all)).toBeNull();
    expect(checkImport(cli, site('@motif/vector-store/embedding', 'apps/cli/src/lazy-modules.ts'), all)?.message).toBe(
      "deep import '@motif/vector-store/embedding': import '@motif/vector-store' (its src/index.ts) or '@motif/vector-store/testing' or '@motif/vector-store/early-start' instead",
    );
    // Still a dependency like any other: declared, and on a lower layer.
    expect(checkImport(p('@motif/cli', 4, 'app'), site('@motif/vector-store/early-start'), all)?.message).toMatch(/not declared/);
  });
  it('lets an app depend on another app it starts as a process, and still refuses importing it', () => {
    const cli = p('@motif/cli', 4, 'app', ['@motif/api']);
    expect(checkDeclaredDeps(cli, projects)).toEqual([]);
    expect(checkImport(cli, site('@motif/api'), projects)?.message).toMatch(/nothing may import an app/);
    expect(checkDeclaredDeps(p('@motif/tool', 5, 'tool', ['@motif/api']), projects).map((v) => v.message)).toEqual([
      "declares a dependency on '@motif/api' (layer 4), which is not below layer 5",
    ]);
  });
  it('refuses importing an app', () => {
    const tool = { ...p('@motif/bench', 5, 'tool', ['@motif/api']) };
    expect(checkImport(tool, site('@motif/api'), projects)?.message).toMatch(/nothing may import an app/);
  });
  it('refuses relative imports into another project', () => {
    expect(checkImport(projects.get('@motif/dag')!, site('../../cache/src/index'), projects)).toBeNull();
    expect(checkImport(projects.get('@motif/dag')!, site('../../../libs/cache/src/index'), projects)?.message).toMatch(/another project/);
  });
  it('refuses undeclared dependencies', () => {
    expect(checkImport(projects.get('@motif/cache')!, site('@motif/dag'), projects)?.message).toMatch(/not declared/);
  });
});
