import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspacePackage {
  name: string;
  version: string;
  /** Folder relative to the repository root (`libs/dag`). */
  dir: string;
  manifest: { name: string; version: string; private?: boolean; bin?: string | Record<string, string>; [field: string]: unknown };
}

/**
 * The publishable packages of the workspace: every folder the root `workspaces` globs name (`libs/*`, `apps/*`,
 * plain folders) whose package.json is not private, in the order of the globs. New packages are picked up with
 * no list to keep.
 */
export function publishablePackages(root: string): WorkspacePackage[] {
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] };
  const dirs: string[] = [];
  for (const pattern of rootManifest.workspaces ?? []) {
    if (pattern.endsWith('/*')) {
      const parent = pattern.slice(0, -2);
      if (!existsSync(join(root, parent))) continue;
      for (const entry of readdirSync(join(root, parent), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`);
      }
    } else if (!pattern.includes('*')) dirs.push(pattern);
    else throw new Error(`workspace pattern '${pattern}' is not supported here (only 'folder' and 'folder/*')`);
  }
  const out: WorkspacePackage[] = [];
  for (const dir of dirs) {
    const file = join(root, dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as WorkspacePackage['manifest'];
    if (manifest.private === true) continue;
    out.push({ name: manifest.name, version: manifest.version, dir, manifest });
  }
  return out;
}
