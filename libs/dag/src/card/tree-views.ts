import type { CardNode, CardTree, Structure, StructureNode } from '@motif/core-types';
import type { ComponentGraph } from '../graph/component-graph';
import { canonicalizeTreeStructure } from '../structure/canonicalize-structure';

/** The compressed view: params dropped, equal sibling shapes merged into counts (canonical form). */
export function structureOfTree(tree: CardTree, graph: ComponentGraph): Structure {
  // Canonicalised straight from the card nodes (only component, field and children are read): no stripped copy first.
  return canonicalizeTreeStructure(tree, graph);
}

/** A structure as a tree with one node per instance (counts expanded) and no params yet. */
export function treeOfStructure(structure: Structure): CardTree {
  const out: CardTree = [];
  const expand = (node: StructureNode, into: CardNode[]): void => {
    const n = node.count ?? 1;
    for (let i = 0; i < n; i++) {
      const copy: CardNode = { component: node.component, params: {} };
      if (node.field !== undefined) copy.field = node.field;
      if (node.children?.length) {
        copy.children = [];
        for (const child of node.children) expand(child, copy.children);
      }
      into.push(copy);
    }
  };
  for (const root of structure) expand(root, out);
  return out;
}

/** Visits every node in pre-order with its parent (undefined for roots). */
export function walkTree(tree: CardTree, visit: (node: CardNode, parent: CardNode | undefined, depth: number) => void): void {
  const stack: Array<{ node: CardNode; parent: CardNode | undefined; depth: number }> = [];
  for (let i = tree.length - 1; i >= 0; i--) stack.push({ node: tree[i], parent: undefined, depth: 1 });
  while (stack.length > 0) {
    const { node, parent, depth } = stack.pop() as { node: CardNode; parent: CardNode | undefined; depth: number };
    visit(node, parent, depth);
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], parent: node, depth: depth + 1 });
  }
}

/** A deep copy (trees are values: variators and binders never share nodes). */
export const cloneTree = (tree: CardTree): CardTree => structuredClone(tree);
