import type { Catalog } from '../catalog/catalog';
import type { ChildEdge, ComponentSpec, ParamSpec } from '../catalog/catalog-types';

/** How one field of a component holds its children in Card v2 JSON. */
export interface SlotShape {
  field: string;
  /** One object (`header`, `startIcon`) or a list (`sections`, `buttons`). */
  list: boolean;
  /** Elements are wrappers holding the child under its one-of key (`{"decoratedText": {…}}`). */
  wrapped: boolean;
  /** Child components this field may hold, in catalog order. */
  children: ChildEdge[];
}

/** Card v2 layout facts of one component, derived once from the catalog. */
export interface ComponentLayout {
  spec: ComponentSpec;
  /** Slots in catalog order: the order children are kept in, whatever the JSON key order. */
  slots: SlotShape[];
  slotByField: ReadonlyMap<string, SlotShape>;
  wrapperFields: ReadonlySet<string>;
}

const cache = new WeakMap<Catalog, Map<string, ComponentLayout>>();

/** The layout of `component` in `catalog` (memoised per catalog). */
export function layoutOf(catalog: Catalog, component: string): ComponentLayout | undefined {
  let perCatalog = cache.get(catalog);
  if (!perCatalog) {
    perCatalog = new Map();
    cache.set(catalog, perCatalog);
  }
  const hit = perCatalog.get(component);
  if (hit) return hit;
  const spec = catalog.component(component);
  if (!spec) return undefined;
  const wrapped = new Set(spec.card?.wrapped ?? []);
  const byField = new Map<string, SlotShape>();
  for (const edge of spec.edges) {
    let slot = byField.get(edge.field);
    if (!slot) {
      slot = { field: edge.field, list: false, wrapped: wrapped.has(edge.field), children: [] };
      byField.set(edge.field, slot);
    }
    slot.children.push(edge);
    // A field that may hold more than one child is a JSON array (Columns.columnItems holds up to two).
    if (edge.max !== 1 || slot.wrapped) slot.list = true;
  }
  const layout: ComponentLayout = { spec, slots: [...byField.values()], slotByField: byField, wrapperFields: new Set(spec.card?.wrapperFields ?? []) };
  perCatalog.set(component, layout);
  return layout;
}

/** The params a child takes in a slot: the edge's own (GridItem `image`) or the component's. */
export function paramsInSlot(catalog: Catalog, parent: string | undefined, field: string | undefined, component: string): Readonly<Record<string, ParamSpec>> {
  if (parent !== undefined && field !== undefined) {
    const edge = edgeOf(catalog, parent, field, component);
    if (edge?.childParams) return edge.childParams;
  }
  return catalog.component(component)?.params ?? {};
}

/** parent → field → child → its edge (null: none), per catalog: the param check and the variators ask per node. */
const edgeCache = new WeakMap<Catalog, Map<string, Map<string, Map<string, ChildEdge | null>>>>();

function edgeOf(catalog: Catalog, parent: string, field: string, child: string): ChildEdge | null {
  let byParent = edgeCache.get(catalog);
  if (!byParent) edgeCache.set(catalog, (byParent = new Map()));
  let byField = byParent.get(parent);
  if (!byField) byParent.set(parent, (byField = new Map()));
  let byChild = byField.get(field);
  if (!byChild) byField.set(field, (byChild = new Map()));
  let edge = byChild.get(child);
  if (edge === undefined) byChild.set(child, (edge = catalog.component(parent)?.edges.find((e) => e.field === field && e.child === child) ?? null));
  return edge;
}
