import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** One test file's skipped tests, as a reporter records them. */
export interface SkipEntry {
  file: string;
  skipped: number;
  /** Titles of the skipped tests' outermost describe blocks (they say why: "set QDRANT_URL to run it"). */
  blocks: string[];
}

/** The repository root (this file is tools/test-report/{src,dist}/skip-log.*). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Where every Jest process of one `npm test` appends its skips (inside node_modules: never committed). */
export const skipLogPath = (env: NodeJS.ProcessEnv = process.env): string =>
  env['MOTIF_SKIP_LOG'] ?? join(REPO_ROOT, 'node_modules', '.cache', 'motif', 'test-skips.jsonl');

export function appendSkips(entries: readonly SkipEntry[], path = skipLogPath()): void {
  if (entries.length === 0) return;
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

export function readSkips(path = skipLogPath()): SkipEntry[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as SkipEntry);
}

export const resetSkips = (path = skipLogPath()): void => rmSync(path, { force: true });

/** Relative to the repository, so the summary reads the same on every machine. */
export const repoRelative = (file: string): string => relative(REPO_ROOT, file).split('\\').join('/');

/**
 * The line `npm test` ends with: how many tests were skipped, in which files, and why (their describe
 * titles). Null when nothing was skipped.
 */
export function summarizeSkips(entries: readonly SkipEntry[]): string | null {
  const byFile = new Map<string, SkipEntry>();
  for (const e of entries) {
    const known = byFile.get(e.file);
    byFile.set(e.file, known ? { file: e.file, skipped: known.skipped + e.skipped, blocks: [...new Set([...known.blocks, ...e.blocks])] } : e);
  }
  const files = [...byFile.values()].filter((e) => e.skipped > 0).sort((a, b) => a.file.localeCompare(b.file));
  if (files.length === 0) return null;
  const total = files.reduce((n, e) => n + e.skipped, 0);
  const parts = files.map((e) => `${e.file}: ${e.skipped}${e.blocks.length ? ` (${e.blocks.join('; ')})` : ''}`);
  return `SKIPPED ${total} test${total === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}: ${parts.join(' · ')}`;
}
