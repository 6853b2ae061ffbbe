import type { InstancePattern, Structure, StructureNode } from '@motif/core-types';

// Own pure helpers over core-types' Structure (libs/dag exports richer ones; these are all retrieval needs).

const repeat = (node: StructureNode): number => Math.max(1, Math.floor(node.count ?? 1));

/** Pre-order walk with `count` expanded (a node ×N repeats with its subtree), visiting each occurrence with its parent. */
function forEachExpanded(structure: Structure, visit: (component: string, parent: string | null) => void): void {
  const walk = (parent: string | null, nodes: readonly StructureNode[]): void => {
    for (const node of nodes) {
      for (let i = 0; i < repeat(node); i++) {
        visit(node.component, parent);
        if (node.children) walk(node.component, node.children);
      }
    }
  };
  walk(null, structure);
}

/** Pre-order component names with `count` expanded (a node ×N repeats with its subtree). */
export function expandedComponents(structure: Structure): string[] {
  const out: string[] = [];
  forEachExpanded(structure, (component) => out.push(component));
  return out;
}

/** Parent→child edges, one per expanded occurrence (so `Ƀ[ᵬ×2]` gives two ButtonList→Button edges). */
export function expandedEdges(structure: Structure): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  forEachExpanded(structure, (component, parent) => {
    if (parent !== null) out.push([parent, component]);
  });
  return out;
}

/**
 * Component and parent→child edge multiplicities, counts multiplied down the tree instead of
 * expanded: a hostile `×1000` nested three deep costs three steps, not 10⁹ array entries.
 */
export function structureCounts(structure: Structure): { components: Map<string, number>; edges: Map<string, number> } {
  const components = new Map<string, number>();
  const edges = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const stack: Array<[StructureNode, string | null, number]> = structure.map((n) => [n, null, 1]);
  while (stack.length > 0) {
    const [node, parent, outer] = stack.pop() as [StructureNode, string | null, number];
    const times = outer * repeat(node);
    add(components, node.component, times);
    if (parent !== null) add(edges, `${parent}>${node.component}`, times);
    for (const child of node.children ?? []) stack.push([child, node.component, times]);
  }
  return { components, edges };
}

/** Distinct component names (for filters). */
export function componentSet(structure: Structure): string[] {
  return [...structureCounts(structure).components.keys()].sort();
}

/** What a `components` filter matches a pattern on: its structure's components and its recorded paths, distinct, sorted. */
export function patternComponents(pattern: Pick<InstancePattern, 'structure' | 'componentPaths'>): string[] {
  return [...new Set([...componentSet(pattern.structure), ...pattern.componentPaths])].sort();
}

function multisetJaccard(ca: ReadonlyMap<string, number>, cb: ReadonlyMap<string, number>): number {
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
 * Structural similarity in [0,1]: mean of the multiset Jaccard of components and of parent→child
 * edges, counts expanded. 1 for identical trees; shape changes lower the edge term, swapped widgets both terms.
 */
export function structureSimilarity(a: Structure, b: Structure): number {
  const ca = structureCounts(a);
  const cb = structureCounts(b);
  return 0.5 * multisetJaccard(ca.components, cb.components) + 0.5 * multisetJaccard(ca.edges, cb.edges);
}
