/**
 * The layering Motif is built on: apps → mcp → patterns → {variators, vector-store, cache} → dag → core-types.
 * A project may import only projects on a strictly lower layer (tag `layer:<n>` in its package.json),
 * nothing may import an app, and only a package's root (its `src/index.ts`) may be imported — or a subpath its
 * package.json exports: `/testing` (test helpers, only from specs, other test helpers and tools) or a curated
 * light entry such as `@motif/vector-store/early-start` (its own `src/<name>/index.ts`).
 */
export interface ProjectInfo {
  name: string;
  root: string;
  layer: number;
  type: 'lib' | 'app' | 'tool';
  declaredDeps: string[];
  /** The package exports a `./testing` subpath (test helpers kept out of its root). */
  hasTestingExport?: boolean;
  /** Other subpaths the package exports besides its root, `./testing` and `./package.json` (e.g. `/early-start`). */
  entries?: string[];
}

/** Files that may use test helpers: specs and the helpers themselves (`src/testing/`). */
export const isTestFile = (file: string): boolean => /\.spec\.ts$/.test(file) || /(^|\/)testing\//.test(file);

export interface ImportSite {
  file: string;
  line: number;
  specifier: string;
}

export interface LayerViolation {
  project: string;
  file: string;
  line: number;
  message: string;
}

export function checkImport(project: ProjectInfo, site: ImportSite, projects: ReadonlyMap<string, ProjectInfo>): LayerViolation | null {
  const at = { project: project.name, file: site.file, line: site.line };
  const m = /^(@motif\/[a-z0-9-]+)(\/.*)?$/.exec(site.specifier);
  if (!m) {
    if (/^(\.\.\/)+(libs|apps|tools)\//.test(site.specifier) || /(^|\/)(libs|apps|tools)\/[a-z0-9-]+\/src\//.test(site.specifier)) {
      return { ...at, message: `relative import '${site.specifier}' reaches into another project; import its package instead` };
    }
    return null;
  }
  const [, pkg, deep] = m;
  if (pkg === project.name) return { ...at, message: `'${site.specifier}' imports its own package; use a relative import` };
  const target = projects.get(pkg);
  if (!target) return { ...at, message: `'${pkg}' is not a project of this workspace` };
  if (deep === '/testing') {
    if (!target.hasTestingExport) return { ...at, message: `'${pkg}' has no './testing' export` };
    if (project.type !== 'tool' && !isTestFile(site.file)) {
      return { ...at, message: `'${site.specifier}' holds test helpers: only specs, test helpers and tools may import it` };
    }
  } else if (deep && !target.entries?.includes(deep)) {
    const others = [...(target.hasTestingExport ? ['/testing'] : []), ...(target.entries ?? [])].map((e) => ` or '${pkg}${e}'`).join('');
    return { ...at, message: `deep import '${site.specifier}': import '${pkg}' (its src/index.ts)${others} instead` };
  }
  if (target.type === 'app') return { ...at, message: `'${pkg}' is an app: nothing may import an app` };
  if (target.layer >= project.layer) {
    return { ...at, message: `'${project.name}' (layer ${project.layer}) may not import '${pkg}' (layer ${target.layer}): imports go to lower layers only` };
  }
  if (!project.declaredDeps.includes(pkg)) return { ...at, message: `'${pkg}' is imported but not declared in ${project.root}/package.json` };
  return null;
}

/**
 * An app may depend on another app only to start it as a process (the CLI's `motif serve` runs the API's entry);
 * importing it stays refused by `checkImport`.
 */
const startsAsProcess = (project: ProjectInfo, target: ProjectInfo): boolean => project.type === 'app' && target.type === 'app';

export function checkDeclaredDeps(project: ProjectInfo, projects: ReadonlyMap<string, ProjectInfo>): LayerViolation[] {
  return project.declaredDeps
    .map((dep) => projects.get(dep))
    .filter((t): t is ProjectInfo => t !== undefined && !startsAsProcess(project, t) && (t.type === 'app' || t.layer >= project.layer))
    .map((t) => ({ project: project.name, file: `${project.root}/package.json`, line: 0, message: `declares a dependency on '${t.name}' (layer ${t.layer}), which is not below layer ${project.layer}` }));
}
