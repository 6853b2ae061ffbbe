import type { ChildEdgeLike, ComponentGraphLike, EdgeGroupLike } from '../dag-ports';

/** One way to add a child under a parent: directly, or wrapped (Section → Button goes in a ButtonList). */
export interface AddOption {
  /** The component the user asked for (Button). */
  child: string;
  /** The node actually inserted under the parent (ButtonList when wrapped, else `child`). */
  inserted: string;
  /** The parent's field the inserted node goes into. */
  field: string;
  /** Wrapper component, when one is needed. */
  via?: string;
}

export interface ParentTable {
  edges: readonly ChildEdgeLike[];
  /** `field\0child` → edge. */
  edgeByKey: ReadonlyMap<string, ChildEdgeLike>;
  /** child → its first edge (the field a field-less child is taken to be in). */
  firstEdgeOfChild: ReadonlyMap<string, ChildEdgeLike>;
  /** child → how many fields of this parent accept it (> 1: a new node must name its field). */
  fieldsOfChild: ReadonlyMap<string, number>;
  groups: readonly EdgeGroupLike[];
  /** field → child → index into `edges`. */
  edgeIndex: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** For each edge, the indexes of the groups that count it. */
  groupsOfEdge: readonly (readonly number[])[];
  /** For each group, the indexes of the edges it counts. */
  edgesOfGroup: readonly (readonly number[])[];
  /** field → the groups that count it (empty array when none). */
  groupsOfField: ReadonlyMap<string, readonly EdgeGroupLike[]>;
  addOptions: readonly AddOption[];
  /** Edges with min > 0, and groups with min > 0: what a freshly built node must hold. */
  requiredEdges: readonly ChildEdgeLike[];
  requiredGroups: readonly EdgeGroupLike[];
}

export const edgeKey = (field: string, child: string): string => `${field}\u0000${child}`;

/**
 * Per-catalog lookup tables for the structure variator, built lazily once per component and reused
 * for every variation: the hot path does Map lookups only.
 */
export class StructureTables {
  private readonly parents = new Map<string, ParentTable>();
  /** parent → child → field ('' when none) → alternatives; nested Maps avoid building string keys per lookup. */
  private readonly alternatives = new Map<string, Map<string, Map<string, readonly string[]>>>();

  constructor(readonly graph: ComponentGraphLike) {}

  parent(component: string): ParentTable {
    let t = this.parents.get(component);
    if (!t) {
      t = this.build(component);
      this.parents.set(component, t);
    }
    return t;
  }

  /** Components that may replace `child` in its slot under `parent` (dag's context-aware slotAlternatives). */
  slotAlternatives(parent: string, child: string, field: string | undefined): readonly string[] {
    let byChild = this.alternatives.get(parent);
    if (!byChild) this.alternatives.set(parent, (byChild = new Map()));
    let byField = byChild.get(child);
    if (!byField) byChild.set(child, (byField = new Map()));
    const f = field ?? '';
    let alts = byField.get(f);
    if (!alts) {
      alts = this.graph.slotAlternatives(parent, child, field);
      byField.set(f, alts);
    }
    return alts;
  }

  private build(component: string): ParentTable {
    const edges = this.graph.edgesOf(component);
    const edgeByKey = new Map<string, ChildEdgeLike>();
    const firstEdgeOfChild = new Map<string, ChildEdgeLike>();
    const fieldsOfChild = new Map<string, number>();
    for (const e of edges) {
      edgeByKey.set(edgeKey(e.field, e.child), e);
      fieldsOfChild.set(e.child, (fieldsOfChild.get(e.child) ?? 0) + 1);
      if (!firstEdgeOfChild.has(e.child)) firstEdgeOfChild.set(e.child, e);
    }
    const groups = this.graph.catalog.component(component)?.groups ?? [];
    const edgeIndex = new Map<string, Map<string, number>>();
    edges.forEach((e, i) => {
      let byChild = edgeIndex.get(e.field);
      if (!byChild) edgeIndex.set(e.field, (byChild = new Map()));
      byChild.set(e.child, i);
    });
    const edgesOfGroup = groups.map((g) => edges.flatMap((e, i) => (g.fields.includes(e.field) ? [i] : [])));
    const groupsOfEdge = edges.map((e) => groups.flatMap((g, gi) => (g.fields.includes(e.field) ? [gi] : [])));
    const groupsOfField = new Map<string, EdgeGroupLike[]>();
    for (const e of edges) if (!groupsOfField.has(e.field)) groupsOfField.set(e.field, groups.filter((g) => g.fields.includes(e.field)));
    const addOptions: AddOption[] = edges.map((e) => ({ child: e.child, inserted: e.child, field: e.field }));
    for (const c of this.graph.catalog.components()) {
      if (firstEdgeOfChild.has(c.name)) continue;
      const via = this.graph.requiredWrapper(component, c.name);
      const viaEdge = via ? firstEdgeOfChild.get(via) : undefined;
      if (via && viaEdge) addOptions.push({ child: c.name, inserted: via, field: viaEdge.field, via });
    }
    return {
      edges,
      edgeByKey,
      firstEdgeOfChild,
      fieldsOfChild,
      groups,
      edgeIndex,
      groupsOfEdge,
      edgesOfGroup,
      groupsOfField,
      addOptions,
      requiredEdges: edges.filter((e) => e.min > 0),
      requiredGroups: groups.filter((g) => g.min > 0),
    };
  }
}

/** Whether `parent` (its counts) has room for one more `child` in `field`, by its edge and every group. */
export function hasRoom(counts: readonly number[], table: ParentTable, field: string, child: string): boolean {
  const ei = table.edgeIndex.get(field)?.get(child);
  if (ei === undefined) return false;
  const max = table.edges[ei].max;
  if (max !== null && counts[ei] + 1 > max) return false;
  for (const gi of table.groupsOfEdge[ei]) {
    const gmax = table.groups[gi].max;
    if (gmax !== null && groupSum(counts, table.edgesOfGroup[gi]) + 1 > gmax) return false;
  }
  return true;
}

export function groupSum(counts: readonly number[], edges: readonly number[]): number {
  let n = 0;
  for (const i of edges) n += counts[i];
  return n;
}
