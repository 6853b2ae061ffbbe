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
export const cloneTree = (tree: CardTree): CardTree => copyValue(tree);

/** Nesting beyond which copyValue leaves the value to structuredClone (which also handles cycles). */
const PLAIN_COPY_DEPTH = 256;
const NOT_PLAIN: unique symbol = Symbol('not plain');

/**
 * The value structuredClone gives, for the JSON-like values trees hold (plain objects, arrays, primitives), built
 * with plain loops: structuredClone serialises and deserialises, which costs several times more on a small node,
 * and variators copy nodes for every candidate. Anything else anywhere in the value (a Date, a Map, a class
 * instance, a function, a symbol, a `__proto__` key, an array hole, a cycle or very deep nesting) sends the whole
 * value through structuredClone, so the result, or the error, is the same.
 */
export function copyValue<T>(value: T): T {
  const out = plainCopy(value, 0);
  return out === NOT_PLAIN ? structuredClone(value) : (out as T);
}

function plainCopy(value: unknown, depth: number): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') return NOT_PLAIN;
  if (typeof value !== 'object' || value === null) return value;
  if (depth > PLAIN_COPY_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return NOT_PLAIN;
      const v = plainCopy(value[i], depth + 1);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out[i] = v;
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  // structuredClone gives a null-prototype object an ordinary one, as `{}` here does.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return NOT_PLAIN;
    const v = plainCopy((value as Record<string, unknown>)[key], depth + 1);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    out[key] = v;
  }
  return out;
}
