import { join } from 'node:path';
import { checkDeclaredDeps, checkImport } from './layering-rules';
import { readProjects, scanImports } from './workspace-scan';

// Runs inside `npm test`: the real workspace must respect the layering.
describe('workspace layering', () => {
  const root = join(__dirname, '..', '..', '..');
  const projects = readProjects(root);

  it('finds every library and app', () => {
    for (const name of ['core-types', 'dag', 'variators', 'vector-store', 'cache', 'patterns', 'mcp', 'api', 'cli']) {
      expect(projects.has(`@motif/${name}`)).toBe(true);
    }
  });

  it('has no import that breaks the layering', () => {
    const violations = [...projects.values()].flatMap((project) => [
      ...checkDeclaredDeps(project, projects),
      ...scanImports(root, project)
        .map((s) => checkImport(project, s, projects))
        .filter((v) => v !== null),
    ]);
    expect(violations.map((v) => `${v.file}:${v.line} ${v.message}`)).toEqual([]);
  });
});
