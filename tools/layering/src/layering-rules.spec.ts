import { checkImport, type ProjectInfo } from './layering-rules';

const p = (name: string, layer: number, type: ProjectInfo['type'] = 'lib', deps: string[] = []): ProjectInfo => ({
  name, root: `libs/${name.slice(7)}`, layer, type, declaredDeps: deps,
});
const projects = new Map([
  ['@motif/core-types', p('@motif/core-types', 0)],
  ['@motif/dag', p('@motif/dag', 1, 'lib', ['@motif/core-types'])],
  ['@motif/cache', p('@motif/cache', 2, 'lib', ['@motif/core-types'])],
  ['@motif/variators', p('@motif/variators', 2, 'lib', ['@motif/dag'])],
  ['@motif/api', p('@motif/api', 4, 'app', ['@motif/core-types'])],
]);
const site = (specifier: string) => ({ file: 'x.ts', line: 1, specifier });

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
