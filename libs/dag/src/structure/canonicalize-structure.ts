import { type CardTree, LIMITS, MotifError, type Structure, type StructureNode } from '@motif/core-types';
import type { ComponentGraph } from '../graph/component-graph';
import { slotOrdered } from './slot-assignment';

/** Same canonical subtree, ignoring the roots' own counts (both sides already canonical). */
function sameShape(a: StructureNode, b: StructureNode): boolean {
  if (a.component !== b.component || a.field !== b.field) return false;
  const ca = a.children;
  const cb = b.children;
  if (ca === undefined || cb === undefined) return ca === cb;
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) {
    if ((ca[i].count ?? 1) !== (cb[i].count ?? 1) || !sameShape(ca[i], cb[i])) return false;
  }
  return true;
}

// `counted`: read the nodes' `count` (a card tree's nodes have none: one node per instance).
function canonicalChildren(nodes: readonly StructureNode[], parent: string | undefined, graph: ComponentGraph | undefined, depth: number, counted: boolean): StructureNode[] {
  if (depth > LIMITS.structureMaxDepth) {
    throw new MotifError('INVALID_STRUCTURE', `structure is deeper than ${LIMITS.structureMaxDepth} levels`);
  }
  const out: StructureNode[] = [];
  const idx = graph !== undefined && parent !== undefined ? graph.lookup(parent) : undefined;
  const slotted = idx !== undefined ? slotOrdered(nodes, idx) : nodes;
  for (let i = 0; i < slotted.length; i++) {
    const raw = slotted[i];
    const rawChildren = Array.isArray(raw.children) && raw.children.length > 0 ? raw.children : undefined;
    const children = rawChildren === undefined ? undefined : canonicalChildren(rawChildren, raw.component, graph, depth + 1, counted);
    const field = raw.field;
    const count = counted && typeof raw.count === 'number' && raw.count > 1 ? raw.count : 1;
    // Key order component, count, field, children: stable JSON for hashing and storage.
    const node: StructureNode = { component: raw.component };
    if (count > 1) node.count = count;
    if (field !== undefined) node.field = field;
    if (children !== undefined) node.children = children;
    const last = out.length > 0 ? out[out.length - 1] : undefined;
    if (last !== undefined && sameShape(last, node)) {
      const merged: StructureNode = { component: last.component, count: (last.count ?? 1) + count };
      // A new node keeps `count` before `field`/`children` in key order.
      if (last.field !== undefined) merged.field = last.field;
      if (last.children !== undefined) merged.children = last.children;
      out[out.length - 1] = merged;
      continue;
    }
    out.push(node);
  }
  return out;
}

/**
 * The canonical form of a structure (a new value; the input is untouched):
 * - adjacent sibling subtrees that are identical (component, field, canonical children) are merged into one with
 *   the summed `count`; `count` 1 and empty `children` are omitted;
 * - with a graph, every child's `field` is filled (first fit in catalog order, as the validator places
 *   children: `δ[ɨ, ɨ]` is startIcon then endIcon) and children are ordered by slot (stable within one).
 * Idempotent; key order is component, count, field, children. `DslCodec.format` prints this form.
 */
export function canonicalizeStructure(structure: Structure, graph?: ComponentGraph): Structure {
  return canonicalChildren(structure, undefined, graph, 1, true);
}

/** `canonicalizeStructure` of a card tree's structure (params and counts ignored), without an intermediate copy. */
export function canonicalizeTreeStructure(tree: CardTree, graph: ComponentGraph): Structure {
  return canonicalChildren(tree, undefined, graph, 1, false);
}
