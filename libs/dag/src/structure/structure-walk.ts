import type { Structure, StructureNode } from '@motif/core-types';

// The one home of Motif's structure walks. All are iterative: a hostile, deeply nested input cannot
// overflow the call stack.

/** How many components a written node stands for by itself: its `count` when above 1, else 1. */
export const nodeCount = (node: StructureNode): number => (typeof node.count === 'number' && node.count > 1 ? node.count : 1);

/** A node's written children (none when absent or malformed). */
export const childrenOf = (node: StructureNode): StructureNode[] => (Array.isArray(node.children) ? node.children : []);

/**
 * Visits every *written* node once, in pre-order, with its multiplicity: how many components it stands
 * for, counts multiplied down the tree (in `Ƀ×2[ᵬ×3]` Button has 6). Linear in written nodes, so a
 * hostile `×1000` nested three deep costs three steps, not 10⁹.
 */
export function forEachCounted(structure: Structure, visit: (node: StructureNode, times: number, parent: StructureNode | null) => void): void {
  const stack: Array<[StructureNode, number, StructureNode | null]> = [];
  for (let i = structure.length - 1; i >= 0; i--) stack.push([structure[i], 1, null]);
  while (stack.length > 0) {
    const [node, outer, parent] = stack.pop() as [StructureNode, number, StructureNode | null];
    const times = outer * nodeCount(node);
    visit(node, times, parent);
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], times, node]);
  }
}

/**
 * Visits every *expanded* occurrence in pre-order (a node ×N repeats with its subtree), with the
 * occurrence's parent. Stops with `onLimit()` (which must throw) past `limit` occurrences.
 */
export function forEachExpanded(
  structure: Structure,
  visit: (node: StructureNode, parent: StructureNode | null) => void,
  limit = Number.POSITIVE_INFINITY,
  onLimit: () => never = () => {
    throw new RangeError(`structure expands to more than ${limit} components`);
  },
): void {
  const stack: Array<[StructureNode, StructureNode | null]> = [];
  let visited = 0;
  const pushAll = (nodes: readonly StructureNode[], parent: StructureNode | null): void => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      for (let k = nodeCount(nodes[i]); k > 0; k--) stack.push([nodes[i], parent]);
      if (stack.length > limit) onLimit();
    }
  };
  pushAll(structure, null);
  while (stack.length > 0) {
    const [node, parent] = stack.pop() as [StructureNode, StructureNode | null];
    if (++visited > limit) onLimit();
    visit(node, parent);
    pushAll(childrenOf(node), node);
  }
}

/** Components with counts expanded: `Ƀ[ᵬ×2]×2` holds two ButtonLists and four Buttons. */
export function componentCounts(structure: Structure): Map<string, number> {
  const counts = new Map<string, number>();
  forEachCounted(structure, (node, times) => counts.set(node.component, (counts.get(node.component) ?? 0) + times));
  return counts;
}

/** Parent → child edge multiplicities, counts expanded (`Ƀ[ᵬ×2]` has ButtonList → Button twice), by parent. */
export function edgeCounts(structure: Structure): Map<string, Map<string, number>> {
  const edges = new Map<string, Map<string, number>>();
  forEachCounted(structure, (node, times, parent) => {
    if (parent === null) return;
    let row = edges.get(parent.component);
    if (row === undefined) edges.set(parent.component, (row = new Map()));
    row.set(node.component, (row.get(node.component) ?? 0) + times);
  });
  return edges;
}
