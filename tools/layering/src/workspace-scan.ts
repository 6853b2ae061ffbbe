import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ImportSite, ProjectInfo } from './layering-rules';

const IMPORT_RE = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

export function readProjects(workspaceRoot: string): Map<string, ProjectInfo> {
  const projects = new Map<string, ProjectInfo>();
  for (const group of ['libs', 'apps', 'tools']) {
    const groupDir = join(workspaceRoot, group);
    for (const name of readdirSync(groupDir)) {
      const pkgPath = join(groupDir, name, 'package.json');
      let pkg: { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string>; exports?: Record<string, unknown>; nx?: { tags?: string[] } };
      try {
        pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
      } catch {
        continue;
      }
      const tags = pkg.nx?.tags ?? [];
      const layerTag = tags.find((t) => t.startsWith('layer:'));
      const typeTag = tags.find((t) => t.startsWith('type:'));
      if (!layerTag || !typeTag) throw new Error(`${group}/${name}/package.json needs nx.tags 'layer:<n>' and 'type:<lib|app|tool>'`);
      projects.set(pkg.name, {
        name: pkg.name,
        root: `${group}/${name}`,
        layer: Number(layerTag.slice('layer:'.length)),
        type: typeTag.slice('type:'.length) as ProjectInfo['type'],
        declaredDeps: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d.startsWith('@motif/')),
        hasTestingExport: pkg.exports?.['./testing'] !== undefined,
        entries: Object.keys(pkg.exports ?? {})
          .filter((k) => !['.', './testing', './package.json'].includes(k))
          .map((k) => k.slice(1)),
      });
    }
  }
  return projects;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'out-tsc' || entry === 'examples') continue;
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|js|mjs|cjs)$/.test(entry)) yield full;
  }
}

export function scanImports(workspaceRoot: string, project: ProjectInfo): ImportSite[] {
  const sites: ImportSite[] = [];
  for (const file of sourceFiles(join(workspaceRoot, project.root))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT_RE)) {
      const line = text.slice(0, match.index).split('\n').length;
      sites.push({ file: relative(workspaceRoot, file), line, specifier: match[1] });
    }
  }
  return sites;
}
