import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Production sources of this library, except the edge helpers and test doubles (which parse on purpose). */
function productionSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'edge' || name === 'testing' ? [] : productionSources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the service parses nothing: its input was parsed once, at the edge', () => {
  it('no production file of libs/patterns calls parseInput or a request schema of core-types', () => {
    const offenders = productionSources(__dirname)
      .map((path) => ({ path: relative(__dirname, path), text: readFileSync(path, 'utf8') }))
      .filter(({ text }) => /\bparseInput\s*\(|\b[A-Z]\w*(Request|Query|Input)Schema\b|\bPatternRefSchema\b/.test(text))
      .map(({ path }) => path);
    expect(offenders).toEqual([]);
  });
});
