import { LIMITS, MotifError, type Structure, type StructureNode } from '@motif/core-types';
import { childrenOf as kids, forEachCounted, forEachExpanded } from './structure-walk';

// Every walk here is iterative (structure-walk.ts): a hostile, deeply nested input cannot overflow the call stack.

/**
 * Component names in pre-order with counts expanded (`§[δ×2]` → Section, DecoratedText, DecoratedText).
 * Throws PAYLOAD_TOO_LARGE beyond `limit` entries (default LIMITS.structureMaxNodes).
 */
export function componentPathsOf(structure: Structure, limit: number = LIMITS.structureMaxNodes): string[] {
  const out: string[] = [];
  forEachExpanded(structure, (node) => out.push(node.component), limit, () => {
    throw new MotifError('PAYLOAD_TOO_LARGE', `structure expands to more than ${limit} components`);
  });
  return out;
}

/** Number of components with counts expanded (a node ×3 with one child counts 6). */
export function countNodes(structure: Structure): number {
  let total = 0;
  forEachCounted(structure, (_node, times) => (total += times));
  return total;
}

/** Number of nodes as written (a node ×3 counts once). */
export function countWrittenNodes(structure: Structure): number {
  let total = 0;
  const stack = [...structure];
  while (stack.length > 0) {
    const node = stack.pop() as StructureNode;
    total++;
    for (const child of kids(node)) stack.push(child);
  }
  return total;
}

/** Depth of the deepest node (a lone root is 1, an empty structure 0). */
export function structureDepth(structure: Structure): number {
  let max = 0;
  const stack: Array<[StructureNode, number]> = structure.map((n) => [n, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [StructureNode, number];
    if (depth > max) max = depth;
    for (const child of kids(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** Distinct parent → child component pairs, in pre-order of first appearance. */
export function structureEdges(structure: Structure): Array<[parent: string, child: string]> {
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  const stack = [...structure].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as StructureNode;
    const children = kids(node);
    for (const child of children) {
      const key = `${node.component}\u0000${child.component}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push([node.component, child.component]);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}
