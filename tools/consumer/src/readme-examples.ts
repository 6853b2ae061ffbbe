import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { publishablePackages } from './workspace-packages';

export interface LibraryExample {
  /** Folder name under libs/ (`dag`). */
  lib: string;
  /** File name under `libs/<lib>/examples/`. */
  file: string;
}

/** Every `libs/<lib>/examples/*.ts` of the publishable libraries, in a stable order. */
export function libraryExamples(root: string): LibraryExample[] {
  const out: LibraryExample[] = [];
  for (const pkg of publishablePackages(root)) {
    if (!pkg.dir.startsWith('libs/')) continue;
    const dir = join(root, pkg.dir, 'examples');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) out.push({ lib: pkg.dir.slice('libs/'.length), file });
  }
  return out;
}

/**
 * The README's opening example: the first fenced code block, if it comes before the README's first `##`
 * section. Undefined when the README opens with no code.
 */
export function openingCodeBlock(readme: string): { lang: string; code: string } | undefined {
  const fence = /^```([\w-]*)\n([\s\S]*?)^```/m.exec(readme);
  if (!fence) return undefined;
  const firstSection = readme.search(/^## /m);
  if (firstSection >= 0 && firstSection < fence.index) return undefined;
  return { lang: fence[1], code: fence[2] };
}

/** Whether `readme` opens with the example file `code`, verbatim (surrounding blank lines aside). */
export function readmeOpensWith(readme: string, code: string): boolean {
  const block = openingCodeBlock(readme);
  return block !== undefined && block.lang === 'ts' && block.code.trim() === code.trim();
}

export const readText = (file: string): string => readFileSync(file, 'utf8');
