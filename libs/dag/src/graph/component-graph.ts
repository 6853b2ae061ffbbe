import { DirectedGraph } from 'graphology';
import { hasCycle, topologicalSort } from 'graphology-dag';
import { bidirectional } from 'graphology-shortest-path/unweighted';
import { bfsFromNode } from 'graphology-traversal';
import type { Catalog } from '../catalog/catalog';
import type { ChildEdge, EdgeGroup } from '../catalog/catalog-types';

export interface Containment {
  allowed: boolean;
  /** True when `parent` holds `child` through one of its own edges. */
  direct: boolean;
  /** The wrapper to insert between them when not direct (e.g. ButtonList for Section → Button). */
  via?: string;
}

export interface GraphStats {
  components: number;
  edges: number;
  roots: number;
  leaves: number;
  /** Longest containment chain from a root, counted in components; null when the graph has a cycle. */
  maxDepth: number | null;
  acyclic: boolean;
}

/** Precomputed per-parent facts the validator and the variators read on hot paths. */
export interface ParentIndex {
  edges: readonly ChildEdge[];
  /** child → its edges under this parent, in catalog order (more than one when several fields accept it). */
  byChild: ReadonlyMap<string, readonly ChildEdge[]>;
  /** field → child → edge. */
  byField: ReadonlyMap<string, ReadonlyMap<string, ChildEdge>>;
  groups: readonly EdgeGroup[];
  /** field → indexes into `groups`. */
  groupsOfField: ReadonlyMap<string, readonly number[]>;
  /** Distinct fields in catalog order. */
  fields: readonly string[];
  /** child → indexes into `edges` (catalog order). */
  edgeIdxByChild: ReadonlyMap<string, readonly number[]>;
  /** field → child → index into `edges`. */
  edgeIdxByField: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** edge index → index into `fields`. */
  fieldIdxOfEdge: readonly number[];
  /** edge index → indexes into `groups` constraining it. */
  groupsOfEdge: readonly (readonly number[])[];
  /** group index → indexes into `edges` it counts. */
  edgesOfGroup: readonly (readonly number[])[];
}

const EMPTY_INDEX: ParentIndex = {
  edges: [], byChild: new Map(), byField: new Map(), groups: [], groupsOfField: new Map(), fields: [],
  edgeIdxByChild: new Map(), edgeIdxByField: new Map(), fieldIdxOfEdge: [], groupsOfEdge: [], edgesOfGroup: [],
};

/**
 * The catalog's containment graph (parent → child), backed by graphology for structural algorithms
 * (cycle detection, topological order, shortest paths, bounded traversals). Every per-node question the
 * validator or the variators ask is answered from Maps precomputed here, never by a graphology call.
 */
export class ComponentGraph {
  readonly catalog: Catalog;
  private readonly graph = new DirectedGraph();
  private readonly index = new Map<string, ParentIndex>();
  private readonly childList = new Map<string, string[]>();
  private readonly parentList = new Map<string, string[]>();
  private readonly wrapperOf = new Map<string, Map<string, string>>();
  private readonly leafList: string[];
  private readonly acyclic: boolean;
  private readonly depth: number | null;
  private readonly allEdges: Array<ChildEdge & { parent: string }> = [];
  /** Memo of slotAlternatives (variators ask it per mutation). */
  private readonly alternatives = new Map<string, string[]>();

  constructor(catalog: Catalog) {
    this.catalog = catalog;
    const components = catalog.components();
    for (const c of components) this.graph.addNode(c.name);
    for (const c of components) {
      const byChild = new Map<string, ChildEdge[]>();
      const byField = new Map<string, Map<string, ChildEdge>>();
      const fields: string[] = [];
      for (const e of c.edges) {
        this.allEdges.push({ parent: c.name, ...e });
        const list = byChild.get(e.child) ?? [];
        list.push(e);
        byChild.set(e.child, list);
        let f = byField.get(e.field);
        if (!f) {
          f = new Map();
          byField.set(e.field, f);
          fields.push(e.field);
        }
        f.set(e.child, e);
        if (!this.graph.hasEdge(c.name, e.child)) this.graph.addEdge(c.name, e.child);
      }
      const groups = c.groups ?? [];
      const groupsOfField = new Map<string, number[]>();
      groups.forEach((g, gi) => {
        for (const f of g.fields) groupsOfField.set(f, [...(groupsOfField.get(f) ?? []), gi]);
      });
      const edgeIdxByChild = new Map<string, number[]>();
      const edgeIdxByField = new Map<string, Map<string, number>>();
      c.edges.forEach((e, i) => {
        edgeIdxByChild.set(e.child, [...(edgeIdxByChild.get(e.child) ?? []), i]);
        const f = edgeIdxByField.get(e.field) ?? new Map<string, number>();
        f.set(e.child, i);
        edgeIdxByField.set(e.field, f);
      });
      const fieldIdxOfEdge = c.edges.map((e) => fields.indexOf(e.field));
      const groupsOfEdge = c.edges.map((e) => groupsOfField.get(e.field) ?? []);
      const edgesOfGroup = groups.map((g) => c.edges.flatMap((e, i) => (g.fields.includes(e.field) ? [i] : [])));
      this.index.set(c.name, { edges: c.edges, byChild, byField, groups, groupsOfField, fields, edgeIdxByChild, edgeIdxByField, fieldIdxOfEdge, groupsOfEdge, edgesOfGroup });
      this.childList.set(c.name, [...byChild.keys()]);
    }
    for (const c of components) this.parentList.set(c.name, []);
    for (const c of components) for (const child of this.childList.get(c.name) ?? []) this.parentList.get(child)?.push(c.name);
    this.leafList = components.filter((c) => c.edges.length === 0).map((c) => c.name);
    this.acyclic = !hasCycle(this.graph);
    this.depth = this.acyclic ? this.computeMaxDepth() : null;
    this.computeWrappers();
  }

  private computeMaxDepth(): number {
    const height = new Map<string, number>();
    const order = topologicalSort(this.graph);
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i];
      let h = 0;
      for (const child of this.childList.get(n) ?? []) h = Math.max(h, height.get(child) ?? 0);
      height.set(n, h + 1);
    }
    return Math.max(0, ...this.catalog.roots.map((r) => height.get(r) ?? 0));
  }

  // A child that cannot sit directly under a parent may go through its declared wrapper (Button → ButtonList)
  // or, failing that, through the one parameter-less intermediate that links them (CarouselCard → NestedWidget → Image).
  private computeWrappers(): void {
    for (const parent of this.catalog.components()) {
      const map = new Map<string, string>();
      const direct = this.childList.get(parent.name) ?? [];
      const directSet = new Set(direct);
      const viaCandidates = new Map<string, Set<string>>();
      for (const mid of direct) {
        const midSpec = this.catalog.component(mid);
        if (!midSpec) continue;
        for (const child of this.childList.get(mid) ?? []) {
          if (directSet.has(child)) continue;
          const spec = this.catalog.component(child);
          if (spec?.wrapper === mid) {
            map.set(child, mid);
          } else if (Object.keys(midSpec.params).length === 0) {
            const set = viaCandidates.get(child) ?? new Set<string>();
            set.add(mid);
            viaCandidates.set(child, set);
          }
        }
      }
      for (const [child, mids] of viaCandidates) if (!map.has(child) && mids.size === 1) map.set(child, [...mids][0]);
      this.wrapperOf.set(parent.name, map);
    }
  }

  /** Precomputed facts about one parent (empty for an unknown or leaf component). */
  parentIndex(parent: string): ParentIndex {
    return this.index.get(parent) ?? EMPTY_INDEX;
  }

  /** Like `parentIndex`, but undefined for a component the catalog does not have (one Map lookup). */
  lookup(component: string): ParentIndex | undefined {
    return this.index.get(component);
  }

  has(component: string): boolean {
    return this.index.has(component);
  }

  children(component: string): string[] {
    return [...(this.childList.get(component) ?? [])];
  }

  parents(component: string): string[] {
    return [...(this.parentList.get(component) ?? [])];
  }

  edges(): Array<ChildEdge & { parent: string }> {
    return this.allEdges.map((e) => ({ ...e }));
  }

  edgesOf(parent: string): ChildEdge[] {
    return [...this.parentIndex(parent).edges];
  }

  /** The edge that lets `parent` hold `child` (in `field` when given; else the first in catalog order). */
  edgeFor(parent: string, child: string, field?: string): ChildEdge | undefined {
    const idx = this.parentIndex(parent);
    if (field !== undefined) return idx.byField.get(field)?.get(child);
    return idx.byChild.get(child)?.[0];
  }

  /**
   * What else may stand in `child`'s slot under `parent` — siblings in context, not the union over all
   * parents: the other children of the same field, plus those of fields sharing an exclusive group with it
   * (DecoratedText: Button ↔ SwitchControl). Empty when `parent` cannot hold `child` there.
   */
  slotAlternatives(parent: string, child: string, field?: string): string[] {
    const key = `${parent}\u0000${child}\u0000${field ?? ''}`;
    let cached = this.alternatives.get(key);
    if (cached === undefined) {
      cached = this.computeAlternatives(parent, child, field);
      if (this.alternatives.size < 100_000) this.alternatives.set(key, cached);
    }
    return cached.slice();
  }

  private computeAlternatives(parent: string, child: string, field?: string): string[] {
    const edge = this.edgeFor(parent, child, field);
    if (!edge) return [];
    const idx = this.parentIndex(parent);
    const fields = new Set<string>([edge.field]);
    for (const gi of idx.groupsOfField.get(edge.field) ?? []) {
      const g = idx.groups[gi];
      if (g.max === 1) for (const f of g.fields) fields.add(f);
    }
    const out: string[] = [];
    for (const f of fields) for (const c of idx.byField.get(f)?.keys() ?? []) if (c !== child && !out.includes(c)) out.push(c);
    return out;
  }

  private bounded(start: string, mode: 'inbound' | 'outbound', maxDepth: number): string[] {
    if (!this.graph.hasNode(start)) return [];
    const out: string[] = [];
    bfsFromNode(
      this.graph,
      start,
      (node, _attrs, depth) => {
        if (depth > 0 && node !== start) out.push(node);
        return depth >= maxDepth;
      },
      { mode },
    );
    return out;
  }

  /** Components that may (transitively) contain `component`, nearest first, up to `maxDepth` levels. */
  ancestors(component: string, maxDepth = Number.POSITIVE_INFINITY): string[] {
    return this.bounded(component, 'inbound', maxDepth);
  }

  /** Components `component` may (transitively) contain, nearest first, up to `maxDepth` levels. */
  descendants(component: string, maxDepth = Number.POSITIVE_INFINITY): string[] {
    return this.bounded(component, 'outbound', maxDepth);
  }

  /** Shortest containment chain from `from` down to `to` (both included), or null. */
  shortestPath(from: string, to: string): string[] | null {
    if (!this.graph.hasNode(from) || !this.graph.hasNode(to)) return null;
    if (from === to) return [from];
    return bidirectional(this.graph, from, to);
  }

  canContain(parent: string, child: string): Containment {
    if (this.parentIndex(parent).byChild.has(child)) return { allowed: true, direct: true };
    const via = this.wrapperOf.get(parent)?.get(child);
    return via === undefined ? { allowed: false, direct: false } : { allowed: true, direct: false, via };
  }

  /** The wrapper `child` needs under `parent` (ButtonList for Section → Button); null when direct or impossible. */
  requiredWrapper(parent: string, child: string): string | null {
    if (this.parentIndex(parent).byChild.has(child)) return null;
    return this.wrapperOf.get(parent)?.get(child) ?? null;
  }

  /**
   * The root to put a non-root component under, and the wrapper between them if any: a root holding it
   * directly, else one holding its declared wrapper (Button → Section > ButtonList), else any root reaching
   * it through a wrapper. Null when no root can hold it.
   */
  rootFor(component: string): { root: string; via?: string } | null {
    const roots = this.catalog.roots;
    const direct = roots.find((r) => this.parentIndex(r).byChild.has(component));
    if (direct !== undefined) return { root: direct };
    const wrapper = this.catalog.component(component)?.wrapper;
    if (wrapper !== undefined) {
      const viaDeclared = roots.find((r) => this.parentIndex(r).byChild.has(wrapper));
      if (viaDeclared !== undefined) return { root: viaDeclared, via: wrapper };
    }
    for (const r of roots) {
      const via = this.wrapperOf.get(r)?.get(component);
      if (via !== undefined) return { root: r, via };
    }
    return null;
  }

  roots(): string[] {
    return [...this.catalog.roots];
  }

  leaves(): string[] {
    return [...this.leafList];
  }

  isAcyclic(): boolean {
    return this.acyclic;
  }

  /** Longest chain from a root (in components); null when cyclic. */
  maxDepth(): number | null {
    return this.depth;
  }

  stats(): GraphStats {
    return {
      components: this.graph.order,
      edges: this.allEdges.length,
      roots: this.catalog.roots.length,
      leaves: this.leafList.length,
      maxDepth: this.depth,
      acyclic: this.acyclic,
    };
  }
}
