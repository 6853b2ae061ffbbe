import type { StructureNode } from '@motif/core-types';
import type { ParentIndex } from '../graph/component-graph';

/** The edge index first fit gives `n` copies of `component` with `used` so far (nothing is updated); -1 for none. */
function firstFitEdge(idx: ParentIndex, component: string, n: number, used: readonly number[]): number {
  const candidates = idx.edgeIdxByChild.get(component);
  if (candidates === undefined || candidates.length === 0) return -1;
  for (const ei of candidates) {
    const max = idx.edges[ei].max;
    if (max === null || used[ei] + n <= max) return ei;
  }
  // No one slot holds all n copies (`▁[ᵬ×2]` fills primary and secondary): leave it unlabelled, the
  // validator spills copies over the slots in order.
  return candidates.length === 1 ? candidates[0] : -1;
}

/**
 * The slot an unlabelled child takes: the first field (catalog order) that accepts it and still has
 * room after the siblings before it, as the validator places children. `used` counts children per
 * edge index so far and is updated. Undefined when the parent has no slot for the child.
 */
export function firstFitField(idx: ParentIndex, component: string, n: number, used: number[]): string | undefined {
  const ei = firstFitEdge(idx, component, n, used);
  if (ei < 0) return undefined;
  used[ei] += n;
  return idx.edges[ei].field;
}

/** What first fit would give `n` copies of `component` after the siblings counted in `used`, without counting it. */
export function firstFitFieldPeek(idx: ParentIndex, component: string, n: number, used: readonly number[]): string | undefined {
  const ei = firstFitEdge(idx, component, n, used);
  return ei < 0 ? undefined : idx.edges[ei].field;
}

/** Records a labelled child in `used` (so unlabelled siblings after it fit around it). */
export function markField(idx: ParentIndex, component: string, field: string, n: number, used: number[]): void {
  const ei = idx.edgeIdxByField.get(field)?.get(component);
  if (ei !== undefined) used[ei] += n;
}

/**
 * Fills every child's `field` (first fit for unlabelled ones) and orders children by slot (catalog
 * field order; stable within a slot). Card v2 JSON has no order across fields, so this is the one
 * canonical order; within `widgets` the order is the card's own. Children the parent cannot hold keep
 * their place and no field (the validator reports them).
 */
export function assignSlots(children: StructureNode[], idx: ParentIndex): StructureNode[] {
  const out = slotOrdered(children, idx);
  return out === children ? children.slice() : (out as StructureNode[]);
}

/** `assignSlots`, returning `children` itself when nothing changes (for callers that only read the result). */
export function slotOrdered(children: readonly StructureNode[], idx: ParentIndex): readonly StructureNode[] {
  // The first child without a field: when every child has one (a canonical structure, a variation of one),
  // no slot is counted and the array is kept; else it is copied once a child gets a field.
  let first = 0;
  while (first < children.length && children[first].field !== undefined) first++;
  let placed: readonly StructureNode[] = children;
  if (first < children.length) {
    const used = new Array<number>(idx.edges.length).fill(0);
    for (const child of children) if (child.field !== undefined) markField(idx, child.component, child.field, child.count ?? 1, used);
    for (let i = first; i < children.length; i++) {
      const child = children[i];
      if (child.field !== undefined) continue;
      const field = firstFitField(idx, child.component, child.count ?? 1, used);
      if (field === undefined) continue;
      const copy: StructureNode[] = placed === children ? children.slice() : (placed as StructureNode[]);
      copy[i] = { ...child, field };
      placed = copy;
    }
  }
  // Usually the children already come in slot order (a canonical structure, a variation of one): keep the array.
  let sorted = true;
  for (let i = 1, prev = placed.length > 0 ? slotRank(idx, placed[0]) : 0; i < placed.length && sorted; i++) {
    const o = slotRank(idx, placed[i]);
    sorted = o >= prev;
    prev = o;
  }
  if (sorted) return placed;
  return placed
    .map((node, i) => ({ node, i }))
    .sort((a, b) => slotRank(idx, a.node) - slotRank(idx, b.node) || a.i - b.i)
    .map((e) => e.node);
}

/** A child's place in the canonical order: its field's catalog index, unplaced children last. */
const slotRank = (idx: ParentIndex, n: StructureNode): number => (n.field === undefined ? idx.fields.length : Math.max(0, idx.fields.indexOf(n.field)));

/** Whether `child`'s field is what first fit would give it after `before` (then the DSL need not name it). */
export function isDefaultSlot(idx: ParentIndex, before: readonly StructureNode[], child: StructureNode): boolean {
  if (child.field === undefined) return true;
  const used = new Array<number>(idx.edges.length).fill(0);
  for (const sibling of before) {
    if (sibling.field !== undefined) markField(idx, sibling.component, sibling.field, sibling.count ?? 1, used);
  }
  return firstFitField(idx, child.component, child.count ?? 1, used) === child.field;
}
