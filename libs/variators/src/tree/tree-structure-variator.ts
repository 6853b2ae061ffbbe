import type { CardNode, CardTree, RandomSource } from '@motif/core-types';
import { type Catalog, type ComponentGraph, copyValue, paramsInSlot } from '@motif/dag';
import { specFits } from './spec-fits';
import { type AddOption, edgeKey, hasRoom, type ParentTable, StructureTables } from '../structure/structure-tables';
import { BoundedCache } from './bounded-cache';
import { ContentFill, repeatable } from './content-fill';
import { inSlotOrder, labelOf, locationOf, type NodeRec, recordsOf, replaceNode } from './tree-records';

export type TreeStrategy = 'swap-sibling' | 'add-child' | 'remove-optional' | 'expand-repeated';
export const TREE_STRATEGIES: readonly TreeStrategy[] = ['swap-sibling', 'add-child', 'remove-optional', 'expand-repeated'];

export interface TreeVariation {
  tree: CardTree;
  operations: string[];
}

/** Why a proposal did not become a variation (counted per family in `rejected`). */
export type NotOffered = 'nothing-to-vary' | 'unfillable';

/**
 * Structure variations of a card tree: params move with their nodes. Remove drops the node with its
 * params; swap carries the fields both components share (DecoratedText `text` → TextParagraph `text`) and
 * drops the rest; add and expand fill what the catalog requires from the pattern's own content. An
 * operation that cannot be filled that way is not offered. The results are candidates: the engine's
 * validity filter checks each one (structure, DSL round trip, params, rendering) before it is used.
 */
interface Analysis {
  recs: NodeRec[];
  fill: ContentFill;
  /** Candidate record indexes per strategy (index in TREE_STRATEGIES), filled on first use. */
  candidates: Array<number[] | undefined>;
}

export class TreeStructureVariator {
  private readonly tables: StructureTables;
  private readonly analyses = new BoundedCache<CardTree, Analysis>(256);

  constructor(
    private readonly catalog: Catalog,
    graph: ComponentGraph,
  ) {
    this.tables = new StructureTables(graph);
  }

  /** One operation applied to `tree` (never mutated), or why none could be. */
  vary(tree: CardTree, rng: RandomSource, strategy?: TreeStrategy): TreeVariation | NotOffered {
    const a = this.analyses.get(tree, () => {
      const recs = recordsOf(tree, this.catalog);
      return { recs, fill: new ContentFill(this.catalog, recs), candidates: [] };
    });
    const { recs, fill } = a;
    const tries = strategy ? 1 : TREE_STRATEGIES.length;
    const start = strategy ? 0 : rng.int(0, TREE_STRATEGIES.length - 1);
    let unfillable = false;
    for (let k = 0; k < tries; k++) {
      const s = strategy ?? TREE_STRATEGIES[(start + k) % TREE_STRATEGIES.length];
      const candidates = (a.candidates[TREE_STRATEGIES.indexOf(s)] ??= this.candidates(s, recs));
      // A few positions per strategy: one that cannot be filled does not hide the others.
      for (let attempt = 0; attempt < Math.min(3, candidates.length); attempt++) {
        const out = this.apply(s, tree, recs, rng.pick(candidates), rng, fill);
        if (out) return out;
        unfillable = true;
      }
    }
    return unfillable ? 'unfillable' : 'nothing-to-vary';
  }

  private candidates(strategy: TreeStrategy, recs: readonly NodeRec[]): number[] {
    const out: number[] = [];
    recs.forEach((r, i) => {
      if (strategy === 'add-child') {
        if (this.tables.parent(r.node.component).addOptions.length > 0) out.push(i);
        return;
      }
      if (r.parent < 0) return;
      const parent = recs[r.parent].node.component;
      if (strategy === 'swap-sibling') {
        if (this.tables.slotAlternatives(parent, r.node.component, r.field).length > 0) out.push(i);
      } else if (strategy === 'remove-optional') {
        if (this.slack(recs, r, -1)) out.push(i);
      } else if (this.slack(recs, r, +1) && repeatable(r.node, this.catalog)) {
        out.push(i);
      }
    });
    return out;
  }

  private slack(recs: readonly NodeRec[], r: NodeRec, delta: 1 | -1): boolean {
    const parent = recs[r.parent].node;
    const table = this.tables.parent(parent.component);
    const ei = table.edgeIndex.get(r.field)?.get(r.node.component);
    if (ei === undefined) return false;
    const counts = countsOf(parent, table);
    const edge = table.edges[ei];
    if (delta < 0 ? counts[ei] - 1 < edge.min : edge.max !== null && counts[ei] + 1 > edge.max) return false;
    for (const gi of table.groupsOfEdge[ei]) {
      const g = table.groups[gi];
      const total = table.edgesOfGroup[gi].reduce((n, e) => n + counts[e], 0);
      if (delta < 0 ? total - 1 < g.min : g.max !== null && total + 1 > g.max) return false;
    }
    return true;
  }

  private apply(s: TreeStrategy, tree: CardTree, recs: readonly NodeRec[], at: number, rng: RandomSource, fill: ContentFill): TreeVariation | null {
    const r = recs[at];
    const where = locationOf(recs, at);
    switch (s) {
      case 'remove-optional':
        return { tree: this.placed(tree, recs, at, []), operations: [`remove-optional ${r.node.component} at ${where}`] };
      case 'expand-repeated': {
        const copy = copyValue(r.node);
        return { tree: this.placed(tree, recs, at, [r.node, copy]), operations: [`expand-repeated ${r.node.component} at ${where} (a copy of it follows it)`] };
      }
      case 'swap-sibling':
        return this.swap(tree, recs, at, rng, fill);
      default:
        return this.add(tree, recs, at, rng, fill);
    }
  }

  private swap(tree: CardTree, recs: readonly NodeRec[], at: number, rng: RandomSource, fill: ContentFill): TreeVariation | null {
    const r = recs[at];
    const parent = recs[r.parent].node;
    const table = this.tables.parent(parent.component);
    const alt = rng.pick(this.tables.slotAlternatives(parent.component, r.node.component, r.field));
    const altEdge = table.edgeByKey.get(edgeKey(r.field, alt)) ?? table.firstEdgeOfChild.get(alt);
    if (!altEdge) return null;
    // The fields both components have, with a value the new one accepts; everything else goes with the old node.
    const newParams = paramsInSlot(this.catalog, parent.component, altEdge.field, alt);
    const carried: Record<string, unknown> = {};
    const dropped: string[] = [];
    for (const [key, value] of Object.entries(r.node.params)) {
      const spec = newParams[key];
      if (spec && specFits(spec, value)) carried[key] = value;
      else dropped.push(key);
    }
    const newTable = this.tables.parent(alt);
    const kept = (r.node.children ?? []).filter((c) => c.field !== undefined && newTable.edgeByKey.has(edgeKey(c.field, c.component)));
    const node = fill.build(alt, parent.component, altEdge.field, rng, r.depth, { params: carried, children: kept });
    if (!node) return null;
    if (r.node.widget && altEdge.field === r.field) node.widget = { ...r.node.widget };
    const carriedKeys = Object.keys(carried);
    const detail = `${carriedKeys.length ? `kept ${carriedKeys.join(', ')}` : 'kept no fields'}${dropped.length ? `; dropped ${dropped.join(', ')}` : ''}`;
    return { tree: this.placed(tree, recs, at, [node]), operations: [`swap-sibling ${r.node.component}→${alt} at ${locationOf(recs, at)} (${detail})`] };
  }

  private add(tree: CardTree, recs: readonly NodeRec[], at: number, rng: RandomSource, fill: ContentFill): TreeVariation | null {
    const r = recs[at];
    const table = this.tables.parent(r.node.component);
    const counts = countsOf(r.node, table);
    const feasible = table.addOptions.filter((o) => hasRoom(counts, table, o.field, o.inserted));
    if (feasible.length === 0) return null;
    const option: AddOption = rng.pick(feasible);
    let node: CardNode | null;
    if (option.via) {
      const wrapperField = this.tables.parent(option.via).firstEdgeOfChild.get(option.child)?.field;
      const inner = wrapperField === undefined ? null : fill.build(option.child, option.via, wrapperField, rng, r.depth + 2);
      node = inner ? fill.build(option.via, r.node.component, option.field, rng, r.depth + 1, { children: [inner] }) : null;
    } else {
      // A minimal node filled from the pattern; when that says nothing, a copy of one the pattern has.
      node = fill.build(option.child, r.node.component, option.field, rng, r.depth + 1);
      if (!node) {
        const copy = fill.copyOf(option.child, rng);
        if (copy) node = { ...copy, field: option.field };
      }
    }
    if (!node) return null;
    const children = (r.node.children ?? []).slice();
    children.splice(rng.int(0, children.length), 0, node);
    const what = option.via ? `${option.child} (in ${option.via})` : option.child;
    const filled = Object.keys(node.params);
    return {
      tree: this.placed(tree, recs, at, [{ ...r.node, children }], true),
      operations: [`add-child ${what} to ${labelOf(recs, at)} > ${option.field}${filled.length ? ` (filled ${filled.join(', ')} from the pattern)` : ''}`],
    };
  }

  /** Replaces record `at` and puts the children of the node that changed back in slot order. */
  private placed(tree: CardTree, recs: readonly NodeRec[], at: number, nodes: CardNode[], self = false): CardTree {
    if (self) return replaceNode(tree, recs, at, nodes.map((n) => inSlotOrder(n, this.catalog)));
    const r = recs[at];
    if (r.parent < 0) return replaceNode(tree, recs, at, nodes);
    const parent = recs[r.parent].node;
    const children = (parent.children ?? []).slice();
    children.splice(r.index, 1, ...nodes);
    const next: CardNode = { ...parent, children };
    if (children.length === 0) delete next.children;
    return replaceNode(tree, recs, r.parent, [inSlotOrder(next, this.catalog)]);
  }
}

function countsOf(node: CardNode, table: ParentTable): number[] {
  const counts = new Array<number>(table.edges.length).fill(0);
  for (const c of node.children ?? []) {
    const field = c.field ?? table.firstEdgeOfChild.get(c.component)?.field ?? '';
    const ei = table.edgeIndex.get(field)?.get(c.component);
    if (ei !== undefined) counts[ei]++;
  }
  return counts;
}

