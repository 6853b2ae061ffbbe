import type { DiversityReport, Structure } from '@motif/core-types';
import { canonicalizeStructure, type ComponentGraph, structureDistance, structureEdges } from '@motif/dag';

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Diversity of a set of structures: how many are distinct (canonical form), the share of the catalog's
 * distinct parent→child component pairs they touch, and the mean pairwise structural distance (dag's
 * structureDistance, 0 = identical). Figures are rounded to 6 decimals so families stay byte-stable.
 */
export function diversityOf(structures: readonly Structure[], graph: ComponentGraph): DiversityReport {
  const distinct = new Set(structures.map((s) => JSON.stringify(canonicalizeStructure(s, graph)))).size;
  const catalogPairs = new Set(graph.edges().map((e) => `${e.parent}\u0000${e.child}`));
  const touched = new Set<string>();
  for (const s of structures) for (const [p, c] of structureEdges(s)) if (catalogPairs.has(`${p}\u0000${c}`)) touched.add(`${p}\u0000${c}`);
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < structures.length; i++) {
    for (let j = i + 1; j < structures.length; j++) {
      sum += structureDistance(structures[i], structures[j]);
      pairs++;
    }
  }
  return {
    distinctStructures: distinct,
    edgeCoverage: catalogPairs.size === 0 ? 0 : round6(touched.size / catalogPairs.size),
    meanPairwiseDistance: pairs === 0 ? 0 : round6(sum / pairs),
  };
}
