import { LIMITS, MotifError, type Structure, type StructureNode } from '@motif/core-types';

// Every walk here is iterative: a hostile, deeply nested input cannot overflow the call stack.

const countOf = (node: StructureNode): number => (typeof node.count === 'number' && node.count > 1 ? node.count : 1);
const kids = (node: StructureNode): StructureNode[] => (Array.isArray(node.children) ? node.children : []);

/**
 * Component names in pre-order with counts expanded (`§[δ×2]` → Section, DecoratedText, DecoratedText).
 * Throws PAYLOAD_TOO_LARGE beyond `limit` entries (default LIMITS.structureMaxNodes).
 */
export function componentPathsOf(structure: Structure, limit: number = LIMITS.structureMaxNodes): string[] {
  const out: string[] = [];
  const stack: StructureNode[] = [];
  const pushAll = (nodes: StructureNode[]): void => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i];
      for (let k = countOf(n); k > 0; k--) stack.push(n);
      if (stack.length > limit) throw new MotifError('PAYLOAD_TOO_LARGE', `structure expands to more than ${limit} components`);
    }
  };
  pushAll(structure);
  while (stack.length > 0) {
    const node = stack.pop() as StructureNode;
    out.push(node.component);
    if (out.length > limit) throw new MotifError('PAYLOAD_TOO_LARGE', `structure expands to more than ${limit} components`);
    pushAll(kids(node));
  }
  return out;
}

/** Number of components with counts expanded (a node ×3 with one child counts 6). */
export function countNodes(structure: Structure): number {
  let total = 0;
  const stack: Array<[StructureNode, number]> = structure.map((n) => [n, 1]);
  while (stack.length > 0) {
    const [node, multiplier] = stack.pop() as [StructureNode, number];
    const m = multiplier * countOf(node);
    total += m;
    for (const child of kids(node)) stack.push([child, m]);
  }
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
