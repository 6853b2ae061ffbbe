import type { Structure, StructureNode } from '@motif/core-types';

// Own pure helpers over core-types' Structure (libs/dag exports richer ones; these are all retrieval needs).

const repeat = (node: StructureNode): number => Math.max(1, Math.floor(node.count ?? 1));

/** Pre-order component names with `count` expanded (a node ×N repeats with its subtree). */
export function expandedComponents(structure: Structure): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly StructureNode[]): void => {
    for (const node of nodes) {
      for (let i = 0; i < repeat(node); i++) {
        out.push(node.component);
        if (node.children) walk(node.children);
      }
    }
  };
  walk(structure);
  return out;
}

/** Parent→child edges, one per expanded occurrence (so `Ƀ[ᵬ×2]` gives two ButtonList→Button edges). */
export function expandedEdges(structure: Structure): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (parent: string | null, nodes: readonly StructureNode[]): void => {
    for (const node of nodes) {
      for (let i = 0; i < repeat(node); i++) {
        if (parent !== null) out.push([parent, node.component]);
        if (node.children) walk(node.component, node.children);
      }
    }
  };
  walk(null, structure);
  return out;
}

/** Distinct component names (for filters). */
export function componentSet(structure: Structure): string[] {
  return [...new Set(expandedComponents(structure))].sort();
}

function multisetJaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const ca = new Map<string, number>();
  for (const x of a) ca.set(x, (ca.get(x) ?? 0) + 1);
  const cb = new Map<string, number>();
  for (const x of b) cb.set(x, (cb.get(x) ?? 0) + 1);
  let inter = 0;
  let union = 0;
  for (const key of new Set([...ca.keys(), ...cb.keys()])) {
    const x = ca.get(key) ?? 0;
    const y = cb.get(key) ?? 0;
    inter += Math.min(x, y);
    union += Math.max(x, y);
  }
  return union === 0 ? 1 : inter / union;
}

/**
 * Structural similarity in [0,1]: mean of the multiset Jaccard of expanded components and of expanded
 * parent→child edges. 1 for identical trees; shape changes lower the edge term, swapped widgets both terms.
 */
export function structureSimilarity(a: Structure, b: Structure): number {
  const nodes = multisetJaccard(expandedComponents(a), expandedComponents(b));
  const edges = multisetJaccard(
    expandedEdges(a).map(([p, c]) => `${p}>${c}`),
    expandedEdges(b).map(([p, c]) => `${p}>${c}`),
  );
  return 0.5 * nodes + 0.5 * edges;
}
