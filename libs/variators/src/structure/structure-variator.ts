import { LIMITS, type RandomSource, type Structure, type StructureNode } from '@motif/core-types';
import { nodeCount } from '@motif/dag';
import type { ComponentGraphLike, EdgeGroupLike, StructureValidatorLike } from '../dag-ports';
import { type AddOption, edgeKey, groupSum, hasRoom, type ParentTable, StructureTables } from './structure-tables';

export type StructureStrategy = 'swap-sibling' | 'add-child' | 'remove-optional' | 'expand-repeated';
export const STRUCTURE_STRATEGIES: readonly StructureStrategy[] = ['swap-sibling', 'add-child', 'remove-optional', 'expand-repeated'];

export interface StructureVariation {
  structure: Structure;
  operations: string[];
}

export interface StructureVariatorOptions {
  /** Proposals tried per strategy before giving up on it (each one is validated). */
  attemptsPerStrategy?: number;
}

/** A written node with its parent context, from one pre-order walk. */
interface Rec {
  node: StructureNode;
  /** Index of the parent record, -1 for a root. */
  parent: number;
  /** Index in the parent's `children` (or in the forest for a root). */
  index: number;
  /** The parent's field holding the node ('' for a root). */
  field: string;
  depth: number;
  /** Instances per edge of this node's own table (children counted), computed on first use. */
  counts: number[] | null;
  /** Readable label and location, computed on first use (kept with the cached analysis). */
  label: string | null;
  location: string | null;
}

interface Analysis {
  recs: Rec[];
  /** Candidate record indexes per strategy (index in STRUCTURE_STRATEGIES), filled on first use. */
  candidates: Array<number[] | undefined>;
}

/** How many structures' analyses are kept (then the cache starts over). */
const ANALYSIS_CACHE_SIZE = 256;

/** Deepest structure a generated subtree may reach. */
const MAX_DEPTH = LIMITS.structureMaxDepth;
const countOf = nodeCount;

/**
 * Structure variations that keep a tree renderable. Each strategy works on a node with its parent
 * context (dag's per-parent edges, groups, slot alternatives and wrappers); every result is checked
 * by the one StructureValidator before it is returned, so an invalid proposal is retried, never returned.
 */
export class StructureVariator {
  private readonly tables: StructureTables;
  private readonly attempts: number;
  /**
   * Analyses of recently varied structures, by identity. A bounded Map rather than a WeakMap: V8's GC pays for
   * every WeakMap entry (ephemerons), which costs more than it saves when structures are varied only once.
   */
  private readonly analyses = new Map<Structure, Analysis>();

  constructor(
    private readonly graph: ComponentGraphLike,
    private readonly validator: StructureValidatorLike,
    options: StructureVariatorOptions = {},
  ) {
    this.tables = new StructureTables(graph);
    this.attempts = options.attemptsPerStrategy ?? 6;
  }

  /** One validated variation (one operation), or null when no strategy yields a valid one. */
  vary(structure: Structure, rng: RandomSource, strategy?: StructureStrategy): StructureVariation | null {
    const analysis = this.analyse(structure);
    const recs = analysis.recs;
    // A random starting strategy, then the others in turn when it has nothing to offer.
    const tries = strategy ? 1 : STRUCTURE_STRATEGIES.length;
    const start = strategy ? 0 : rng.int(0, STRUCTURE_STRATEGIES.length - 1);
    for (let k = 0; k < tries; k++) {
      const si = strategy ? STRUCTURE_STRATEGIES.indexOf(strategy) : (start + k) % STRUCTURE_STRATEGIES.length;
      const s = STRUCTURE_STRATEGIES[si];
      const candidates = (analysis.candidates[si] ??= this.candidates(s, recs));
      if (candidates.length === 0) continue;
      for (let attempt = 0; attempt < this.attempts; attempt++) {
        const proposal = this.apply(s, structure, recs, rng.pick(candidates), rng);
        if (proposal && this.validator.validate(proposal.structure).valid) return proposal;
      }
    }
    return null;
  }

  /**
   * The walk and the per-strategy candidate lists of a structure, kept per structure value: families and
   * benchmarks vary the same source many times. Structures are treated as immutable values (this class never
   * mutates one; a caller that edits a structure in place after varying it must pass a copy).
   */
  private analyse(structure: Structure): Analysis {
    let a = this.analyses.get(structure);
    if (!a) {
      a = { recs: walk(structure, this.tables), candidates: [] };
      if (this.analyses.size >= ANALYSIS_CACHE_SIZE) this.analyses.clear();
      this.analyses.set(structure, a);
    }
    return a;
  }

  private candidates(strategy: StructureStrategy, recs: readonly Rec[]): number[] {
    const out: number[] = [];
    for (let i = 0; i < recs.length; i++) {
      const r = recs[i];
      switch (strategy) {
        case 'swap-sibling':
          if (r.parent >= 0 && this.tables.slotAlternatives(recs[r.parent].node.component, r.node.component, r.node.field).length > 0) out.push(i);
          break;
        case 'add-child':
          if (r.depth < MAX_DEPTH && this.tables.parent(r.node.component).addOptions.length > 0) out.push(i);
          break;
        case 'remove-optional':
          if (r.parent >= 0 && this.slack(recs, r, -1)) out.push(i);
          break;
        case 'expand-repeated':
          if (r.parent >= 0 && this.slack(recs, r, +1)) out.push(i);
          break;
      }
    }
    return out;
  }

  /** Whether one instance of `r` can be removed (delta -1) or added (delta +1) within its edge and groups. */
  private slack(recs: readonly Rec[], r: Rec, delta: 1 | -1): boolean {
    const parent = recs[r.parent];
    const table = this.tables.parent(parent.node.component);
    const ei = table.edgeIndex.get(r.field)?.get(r.node.component);
    if (ei === undefined) return false;
    const counts = countsOf(parent, table);
    const edge = table.edges[ei];
    const same = counts[ei];
    if (delta < 0 ? same - 1 < edge.min : edge.max !== null && same + 1 > edge.max) return false;
    for (const gi of table.groupsOfEdge[ei]) {
      const g = table.groups[gi];
      const total = groupSum(counts, table.edgesOfGroup[gi]);
      if (delta < 0 ? total - 1 < g.min : g.max !== null && total + 1 > g.max) return false;
    }
    return true;
  }

  private apply(strategy: StructureStrategy, structure: Structure, recs: readonly Rec[], at: number, rng: RandomSource): StructureVariation | null {
    switch (strategy) {
      case 'swap-sibling':
        return this.swap(structure, recs, at, rng);
      case 'add-child':
        return this.add(structure, recs, at, rng);
      case 'remove-optional':
        return this.remove(structure, recs, at);
      default:
        return this.expand(structure, recs, at, rng);
    }
  }

  private swap(structure: Structure, recs: readonly Rec[], at: number, rng: RandomSource): StructureVariation | null {
    const r = recs[at];
    const parent = recs[r.parent].node;
    const table = this.tables.parent(parent.component);
    const alt = rng.pick(this.tables.slotAlternatives(parent.component, r.node.component, r.node.field));
    // Same field when the alternative has one there; else the field of the exclusive group it comes from.
    const altEdge = table.edgeByKey.get(edgeKey(r.field, alt)) ?? table.firstEdgeOfChild.get(alt);
    if (!altEdge) return null;
    const oldTable = this.tables.parent(r.node.component);
    const newTable = this.tables.parent(alt);
    // Keep the children the new component may hold in the same field; then add what it requires.
    const kept = (r.node.children ?? []).filter((c) => newTable.edgeByKey.has(edgeKey(c.field ?? oldTable.firstEdgeOfChild.get(c.component)?.field ?? '', c.component)));
    const node = this.build(alt, rng, r.depth, kept);
    if (!node) return null;
    if (r.node.field !== undefined || altEdge.field !== r.field || needsField(table, alt)) node.field = altEdge.field;
    if (r.node.count !== undefined && r.node.count > 1) node.count = altEdge.max === null ? r.node.count : Math.min(r.node.count, altEdge.max);
    return {
      structure: replaceAt(structure, recs, at, node),
      operations: [`swap-sibling ${r.node.component}→${alt} at ${locationOf(recs, at)}`],
    };
  }

  private add(structure: Structure, recs: readonly Rec[], at: number, rng: RandomSource): StructureVariation | null {
    const r = recs[at];
    const table = this.tables.parent(r.node.component);
    const counts = countsOf(r, table);
    // Usually most options have room: try a few random ones before listing every feasible one.
    let option: AddOption | undefined;
    for (let k = 0; k < 3 && option === undefined; k++) {
      const o = rng.pick(table.addOptions);
      if (hasRoom(counts, table, o.field, o.inserted)) option = o;
    }
    if (option === undefined) {
      const feasible = table.addOptions.filter((o) => hasRoom(counts, table, o.field, o.inserted));
      if (feasible.length === 0) return null;
      option = rng.pick(feasible);
    }
    let node: StructureNode | null;
    if (option.via) {
      const wrapperTable = this.tables.parent(option.via);
      const inner = this.build(option.child, rng, r.depth + 2);
      const innerEdge = wrapperTable.firstEdgeOfChild.get(option.child);
      if (!inner || !innerEdge) return null;
      if (needsField(wrapperTable, option.child)) inner.field = innerEdge.field;
      node = this.build(option.via, rng, r.depth + 1, [inner]);
    } else {
      node = this.build(option.child, rng, r.depth + 1);
    }
    if (!node) return null;
    if (needsField(table, option.inserted)) node.field = option.field;
    const children = (r.node.children ?? []).slice();
    children.splice(rng.int(0, children.length), 0, node);
    const what = option.via ? `${option.child} (in ${option.via})` : option.child;
    return {
      structure: replaceAt(structure, recs, at, { ...r.node, children }),
      operations: [`add-child ${what} to ${labelOf(recs, at)} > ${option.field}`],
    };
  }

  private remove(structure: Structure, recs: readonly Rec[], at: number): StructureVariation {
    const r = recs[at];
    const where = locationOf(recs, at);
    if (countOf(r.node) > 1) {
      const node = { ...r.node, count: countOf(r.node) - 1 };
      if (node.count === 1) delete (node as StructureNode).count;
      return { structure: replaceAt(structure, recs, at, node), operations: [`remove-optional ${r.node.component} ×${countOf(r.node)}→×${countOf(r.node) - 1} at ${where}`] };
    }
    const parent = recs[r.parent].node;
    const children = (parent.children ?? []).filter((_, i) => i !== r.index);
    const next: StructureNode = { ...parent, children };
    if (children.length === 0) delete next.children;
    return { structure: replaceAt(structure, recs, r.parent, next), operations: [`remove-optional ${r.node.component} at ${where}`] };
  }

  private expand(structure: Structure, recs: readonly Rec[], at: number, rng: RandomSource): StructureVariation {
    const r = recs[at];
    const parent = recs[r.parent];
    const table = this.tables.parent(parent.node.component);
    const counts = countsOf(parent, table);
    let room = 2;
    const ei = table.edgeIndex.get(r.field)?.get(r.node.component);
    if (ei !== undefined) {
      const max = table.edges[ei].max;
      if (max !== null) room = Math.min(room, max - counts[ei]);
      for (const gi of table.groupsOfEdge[ei]) {
        const gmax = table.groups[gi].max;
        if (gmax !== null) room = Math.min(room, gmax - groupSum(counts, table.edgesOfGroup[gi]));
      }
    }
    const from = countOf(r.node);
    const to = from + rng.int(1, Math.max(1, room));
    return {
      structure: replaceAt(structure, recs, at, { ...r.node, count: to }),
      operations: [`expand-repeated ${r.node.component} ×${from}→×${to} at ${locationOf(recs, at)}`],
    };
  }

  /** A node of `component` holding `preset` plus the minimum its edges and groups require. */
  private build(component: string, rng: RandomSource, depth: number, preset: StructureNode[] = []): StructureNode | null {
    if (depth > MAX_DEPTH) return null;
    const table = this.tables.parent(component);
    const children = preset.slice();
    for (const e of table.requiredEdges) {
      const have = countInField({ component, children }, table, e.field, e.child);
      if (have >= e.min) continue;
      const child = this.build(e.child, rng, depth + 1);
      if (!child) return null;
      if (e.min - have > 1) child.count = e.min - have;
      if (needsField(table, e.child)) child.field = e.field;
      children.push(child);
    }
    for (const g of table.requiredGroups) {
      const options = table.edges.filter((e) => g.fields.includes(e.field));
      for (let total = groupTotal({ component, children }, table, g); total < g.min && options.length > 0; total++) {
        const e = rng.pick(options);
        const child = this.build(e.child, rng, depth + 1);
        if (!child) return null;
        if (needsField(table, e.child)) child.field = e.field;
        children.push(child);
      }
    }
    const node: StructureNode = { component };
    if (children.length > 0) node.children = children;
    return node;
  }
}

const needsField = (table: ParentTable, child: string): boolean => (table.fieldsOfChild.get(child) ?? 0) > 1;

function countsOf(rec: Rec, table: ParentTable): number[] {
  if (rec.counts) return rec.counts;
  const counts = new Array<number>(table.edges.length).fill(0);
  for (const c of rec.node.children ?? []) {
    const ei = table.edgeIndex.get(fieldOf(table, c))?.get(c.component);
    if (ei !== undefined) counts[ei] += countOf(c);
  }
  rec.counts = counts;
  return counts;
}


const fieldOf = (table: ParentTable, child: StructureNode): string => child.field ?? table.firstEdgeOfChild.get(child.component)?.field ?? '';

function countInField(parent: StructureNode, table: ParentTable, field: string, component: string): number {
  let n = 0;
  for (const c of parent.children ?? []) if (c.component === component && fieldOf(table, c) === field) n += countOf(c);
  return n;
}

function groupTotal(parent: StructureNode, table: ParentTable, group: EdgeGroupLike): number {
  let n = 0;
  for (const c of parent.children ?? []) if (group.fields.includes(fieldOf(table, c))) n += countOf(c);
  return n;
}

function walk(structure: Structure, tables: StructureTables): Rec[] {
  const recs: Rec[] = [];
  const visit = (nodes: readonly StructureNode[], parent: number, depth: number): void => {
    const table = parent >= 0 ? tables.parent(recs[parent].node.component) : undefined;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const self = recs.length;
      recs.push({ node, parent, index: i, field: table ? fieldOf(table, node) : '', depth, counts: null, label: null, location: null });
      if (node.children && node.children.length > 0) visit(node.children, self, depth + 1);
    }
  };
  visit(structure, -1, 1);
  return recs;
}

/** A new structure with the node at `at` replaced; only its ancestors are copied. */
function replaceAt(structure: Structure, recs: readonly Rec[], at: number, node: StructureNode): Structure {
  let current = node;
  let r = recs[at];
  while (r.parent >= 0) {
    const parent = recs[r.parent];
    const children = (parent.node.children as StructureNode[]).slice();
    children[r.index] = current;
    current = { ...parent.node, children };
    r = parent;
  }
  const out = structure.slice();
  out[r.index] = current;
  return out;
}

/** `Card > sections[0] Section > widgets[2] Button`: index among the siblings of the same field. */
function labelOf(recs: readonly Rec[], at: number): string {
  const r = recs[at];
  return (r.label ??= r.parent < 0 ? r.node.component : `${locationOf(recs, at)} ${r.node.component}`);
}

function locationOf(recs: readonly Rec[], at: number): string {
  const r = recs[at];
  if (r.location !== null) return r.location;
  if (r.parent < 0) return (r.location = r.node.component);
  let i = 0;
  for (let k = r.parent + 1; k < at; k++) if (recs[k].parent === r.parent && recs[k].field === r.field) i++;
  return (r.location = `${labelOf(recs, r.parent)} > ${r.field}[${i}]`);
}
