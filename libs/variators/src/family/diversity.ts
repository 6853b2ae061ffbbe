import type { DiversityReport, Structure } from '@motif/core-types';
import { type ComponentGraph, profileSimilarity, type StructureProfile, structureEdges, structureProfile } from '@motif/dag';
import { CanonicalFormatter } from '../structure/canonical-form';

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Diversity of a set of structures: how many are distinct (canonical form), the share of the catalog's
 * distinct parent→child component pairs they touch, and the mean pairwise structural distance (dag's
 * structureDistance, 0 = identical; each distinct structure is profiled once, not once per pair).
 * Figures are rounded to 6 decimals so families stay byte-stable.
 */
export function diversityOf(structures: readonly Structure[], graph: ComponentGraph, keys?: readonly string[]): DiversityReport {
  const formatter = formatterFor(graph);
  // Distinct canonical structures with their multiplicity: identical pairs have distance 0, so the pairwise
  // sum only needs the distinct ones, each pair weighted by how often both occur.
  const distinct = new Map<string, { structure: Structure; profile: StructureProfile; times: number }>();
  for (const [i, s] of structures.entries()) {
    // A caller that knows each structure's identity (its canonical DSL) saves the canonical pass.
    const key = keys?.[i] ?? formatter.of(s).key;
    const hit = distinct.get(key);
    if (hit) hit.times++;
    else distinct.set(key, { structure: s, profile: structureProfile(s), times: 1 });
  }
  const catalogPairs = pairsOf(graph);
  const touched = new Set<string>();
  const unique = [...distinct.values()];
  for (const { structure } of unique) {
    for (const [p, c] of structureEdges(structure)) if (catalogPairs.has(`${p}\u0000${c}`)) touched.add(`${p}\u0000${c}`);
  }
  let sum = 0;
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) sum += unique[i].times * unique[j].times * (1 - profileSimilarity(unique[i].profile, unique[j].profile));
  }
  const pairs = (structures.length * (structures.length - 1)) / 2;
  return {
    distinctStructures: distinct.size,
    edgeCoverage: catalogPairs.size === 0 ? 0 : round6(touched.size / catalogPairs.size),
    meanPairwiseDistance: pairs === 0 ? 0 : round6(sum / pairs),
  };
}

const pairs = new WeakMap<ComponentGraph, ReadonlySet<string>>();
function pairsOf(graph: ComponentGraph): ReadonlySet<string> {
  let p = pairs.get(graph);
  if (!p) pairs.set(graph, (p = new Set(graph.edges().map((e) => `${e.parent}\u0000${e.child}`))));
  return p;
}

const formatters = new WeakMap<ComponentGraph, CanonicalFormatter>();
function formatterFor(graph: ComponentGraph): CanonicalFormatter {
  let f = formatters.get(graph);
  if (!f) formatters.set(graph, (f = new CanonicalFormatter(graph)));
  return f;
}
