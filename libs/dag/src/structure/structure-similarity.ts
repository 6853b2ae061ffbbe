import type { Structure } from '@motif/core-types';
import { componentCounts, edgeCounts } from './structure-walk';

/**
 * A structure's multisets with counts expanded, precomputed for repeated comparisons (diversity reports compare
 * every pair of a set: profile each once, then `profileSimilarity`). Edge keys are parent → child in a nested Map.
 */
export interface StructureProfile {
  readonly components: ReadonlyMap<string, number>;
  readonly edges: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly componentTotal: number;
  readonly edgeTotal: number;
}

/** `Ƀ[ᵬ×2]` contributes Button twice and ButtonList→Button twice. Linear in written nodes. */
export function structureProfile(structure: Structure): StructureProfile {
  const components = componentCounts(structure);
  const edges = edgeCounts(structure);
  let componentTotal = 0;
  for (const n of components.values()) componentTotal += n;
  let edgeTotal = 0;
  for (const row of edges.values()) for (const n of row.values()) edgeTotal += n;
  return { components, edges, componentTotal, edgeTotal };
}

/** Σ min over the keys both multisets share. */
function sharedMin(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let min = 0;
  for (const [k, va] of a) {
    const vb = b.get(k);
    if (vb !== undefined) min += va < vb ? va : vb;
  }
  return min;
}

/** Similarity of two precomputed profiles (see `structureSimilarity`). */
export function profileSimilarity(pa: StructureProfile, pb: StructureProfile): number {
  // Σmax = Σa + Σb − Σmin for multisets.
  const cMin = sharedMin(pa.components, pb.components);
  const cMax = pa.componentTotal + pb.componentTotal - cMin;
  const comp = cMax === 0 ? 1 : cMin / cMax;
  if (pa.edgeTotal === 0 && pb.edgeTotal === 0) return comp;
  let eMin = 0;
  for (const [parent, row] of pa.edges) {
    const other = pb.edges.get(parent);
    if (other !== undefined) eMin += sharedMin(row, other);
  }
  const eMax = pa.edgeTotal + pb.edgeTotal - eMin;
  return (eMin / eMax + comp) / 2;
}

/**
 * Structural similarity in [0, 1]: the mean of the weighted Jaccard similarity (Σmin / Σmax) of the
 * parent→child edge multisets (shape) and of the component multisets (content), counts expanded.
 * 1 for identical trees, 0 for trees sharing no component. Symmetric, linear in the number of written nodes.
 * When neither tree has an edge (single components) only the component term counts.
 * For many comparisons over one set, profile each structure once and use `profileSimilarity`.
 */
export function structureSimilarity(a: Structure, b: Structure): number {
  return profileSimilarity(structureProfile(a), structureProfile(b));
}

/** 1 − structureSimilarity. */
export function structureDistance(a: Structure, b: Structure): number {
  return 1 - structureSimilarity(a, b);
}
