import type { Structure, StructureNode } from '@motif/core-types';

interface Profile {
  components: Map<string, number>;
  edges: Map<string, number>;
}

// Profiles are cached per structure object: pairwise comparisons (diversity reports) compute each once.
// Structures are treated as immutable values once compared.
const profiles = new WeakMap<Structure, Profile>();

function profile(structure: Structure): Profile {
  let p = profiles.get(structure);
  if (p === undefined) {
    p = computeProfile(structure);
    profiles.set(structure, p);
  }
  return p;
}

// Multisets with counts expanded: `Ƀ[ᵬ×2]` contributes Button twice and ButtonList→Button twice.
function computeProfile(structure: Structure): Profile {
  const components = new Map<string, number>();
  const edges = new Map<string, number>();
  const stack: Array<[StructureNode, number]> = structure.map((n) => [n, 1]);
  while (stack.length > 0) {
    const [node, multiplier] = stack.pop() as [StructureNode, number];
    const m = multiplier * (typeof node.count === 'number' && node.count > 1 ? node.count : 1);
    components.set(node.component, (components.get(node.component) ?? 0) + m);
    for (const child of node.children ?? []) {
      const cm = m * (typeof child.count === 'number' && child.count > 1 ? child.count : 1);
      const key = `${node.component}>${child.component}`;
      edges.set(key, (edges.get(key) ?? 0) + cm);
      stack.push([child, m]);
    }
  }
  return { components, edges };
}

/** Weighted Jaccard Σmin/Σmax of two multisets; 1 when both are empty. */
function weightedJaccard(a: Map<string, number>, b: Map<string, number>): number {
  let min = 0;
  let max = 0;
  for (const [k, va] of a) {
    const vb = b.get(k) ?? 0;
    min += Math.min(va, vb);
    max += Math.max(va, vb);
  }
  for (const [k, vb] of b) if (!a.has(k)) max += vb;
  return max === 0 ? 1 : min / max;
}

/**
 * Structural similarity in [0, 1]: the mean of the weighted Jaccard similarity of the parent→child edge
 * multisets (shape) and of the component multisets (content), counts expanded. 1 for identical trees,
 * 0 for trees sharing no component. Symmetric, linear in the number of written nodes.
 */
export function structureSimilarity(a: Structure, b: Structure): number {
  const pa = profile(a);
  const pb = profile(b);
  const aLeafOnly = pa.edges.size === 0 && pb.edges.size === 0;
  const comp = weightedJaccard(pa.components, pb.components);
  return aLeafOnly ? comp : (weightedJaccard(pa.edges, pb.edges) + comp) / 2;
}

/** 1 − structureSimilarity. */
export function structureDistance(a: Structure, b: Structure): number {
  return 1 - structureSimilarity(a, b);
}
