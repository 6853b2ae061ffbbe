import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InstancePattern } from '@motif/core-types';
import { bindFlatParams, canonicalizeStructure, decodeMessage, structureFromPaths } from '@motif/dag';
import { chatCardsDag } from './dag-fixture';
import { patternOfTree } from './pattern-fixture';

/** The repository's `examples/` folder (this file sits in libs/variators/{src,dist}/testing). */
export const EXAMPLES_DIR = join(__dirname, '..', '..', '..', '..', 'examples');

interface ExampleLine {
  dsl?: string;
  componentPaths?: string[];
  instanceParams?: Record<string, unknown>;
}

/**
 * Every shipped example as a pattern: each card of `examples/cards/*.json` (one pattern per card) and each
 * line of `examples/example-patterns.jsonl` (DSL or component paths with seed-format flat params).
 */
export function shippedExamples(dir = EXAMPLES_DIR): InstancePattern[] {
  const { catalog, graph, codec } = chatCardsDag();
  const out: InstancePattern[] = [];
  const cardsDir = join(dir, 'cards');
  for (const file of readdirSync(cardsDir).filter((f) => f.endsWith('.json')).sort()) {
    const decoded = decodeMessage(JSON.parse(readFileSync(join(cardsDir, file), 'utf8')), catalog);
    decoded.forEach((card, i) => out.push(patternOfTree(`${file.replace(/\.json$/, '')}${decoded.length > 1 ? `-${i + 1}` : ''}`, card.tree)));
  }
  readFileSync(join(dir, 'example-patterns.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .forEach((l, i) => {
      const line = JSON.parse(l) as ExampleLine;
      const raw = line.dsl !== undefined ? codec.parse(line.dsl) : structureFromPaths(line.componentPaths ?? [], graph).structure;
      const structure = canonicalizeStructure(raw, graph);
      const params = line.instanceParams ?? {};
      out.push(patternOfTree(`example-patterns-${i + 1}`, bindFlatParams(structure, params, catalog).tree, 'positive', params));
    });
  return out;
}
