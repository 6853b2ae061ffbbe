import type { CardNode, CardTree } from '@motif/core-types';
import { type Catalog, layoutOf } from '@motif/dag';

/** One node of a tree with its parent context, from one pre-order walk. */
export interface NodeRec {
  node: CardNode;
  /** Index of the parent record, -1 for a root. */
  parent: number;
  /** Index in the parent's `children` (or in the forest for a root). */
  index: number;
  /** The parent's slot holding the node ('' for a root). */
  field: string;
  depth: number;
}

/** Pre-order records of a tree; a child's field is its own, else the first slot of its parent that takes it. */
export function recordsOf(tree: CardTree, catalog: Catalog): NodeRec[] {
  const recs: NodeRec[] = [];
  const visit = (node: CardNode, parent: number, index: number, depth: number): void => {
    const at = recs.length;
    const parentNode = parent >= 0 ? recs[parent].node : undefined;
    const field = parentNode === undefined ? '' : (node.field ?? defaultSlot(catalog, parentNode.component, node.component) ?? '');
    recs.push({ node, parent, index, field, depth });
    (node.children ?? []).forEach((c, i) => visit(c, at, i, depth + 1));
  };
  tree.forEach((root, i) => visit(root, -1, i, 1));
  return recs;
}

export function defaultSlot(catalog: Catalog, parent: string, child: string): string | undefined {
  return layoutOf(catalog, parent)?.slots.find((s) => s.children.some((e) => e.child === child))?.field;
}

/** Readable location: `Card > sections[0] Section > widgets[2]` (index among siblings of the same field). */
export function locationOf(recs: readonly NodeRec[], at: number): string {
  const r = recs[at];
  if (r.parent < 0) return r.node.component;
  const parent = recs[r.parent];
  let i = 0;
  const siblings = parent.node.children ?? [];
  for (let k = 0; k < r.index; k++) if ((siblings[k].field ?? r.field) === r.field) i++;
  return `${labelOf(recs, r.parent)} > ${r.field}[${i}]`;
}

export function labelOf(recs: readonly NodeRec[], at: number): string {
  const r = recs[at];
  return r.parent < 0 ? r.node.component : `${locationOf(recs, at)} ${r.node.component}`;
}

/** The tree with the node of record `at` replaced by `nodes` (none: removed); only the path to it is copied. */
export function replaceNode(tree: CardTree, recs: readonly NodeRec[], at: number, nodes: CardNode[]): CardTree {
  let r = recs[at];
  let replacement: CardNode[] = nodes;
  while (r.parent >= 0) {
    const parent = recs[r.parent];
    const children = (parent.node.children ?? []).slice();
    children.splice(r.index, 1, ...replacement);
    const copy: CardNode = { ...parent.node, children };
    if (children.length === 0) delete copy.children;
    replacement = [copy];
    r = parent;
  }
  const out = tree.slice();
  out.splice(r.index, 1, ...replacement);
  return out;
}

/**
 * Children in catalog slot order, stable within a slot: the order decodeCard gives (Card v2 JSON has no
 * order across fields), so two trees that render the same JSON are the same value.
 */
export function inSlotOrder(node: CardNode, catalog: Catalog): CardNode {
  const children = node.children;
  if (!children || children.length < 2) return node;
  const slots = layoutOf(catalog, node.component)?.slots ?? [];
  const rank = (c: CardNode): number => {
    const f = c.field ?? defaultSlot(catalog, node.component, c.component);
    const i = slots.findIndex((s) => s.field === f);
    return i < 0 ? slots.length : i;
  };
  const sorted = children.map((c, i) => ({ c, i, r: rank(c) })).sort((a, b) => a.r - b.r || a.i - b.i);
  if (sorted.every((e, i) => e.i === i)) return node;
  return { ...node, children: sorted.map((e) => e.c) };
}
