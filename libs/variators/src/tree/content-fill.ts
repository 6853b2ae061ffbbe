import { LIMITS, type CardNode, type RandomSource } from '@motif/core-types';
import { type Catalog, cloneTree, layoutOf, paramsInSlot, type ParamSpec } from '@motif/dag';
import type { NodeRec } from './tree-records';

/**
 * What the pattern itself offers to fill a new node: nodes of each component (donors). A new node takes
 * required fields from a donor of its own component (a new Button reuses a sibling's `onClick`), a
 * required presentation enum from the catalog (an Icon's `knownIcon`), and nothing else: a field that
 * cannot be filled that way makes the operation unavailable, never an invented value.
 */
export class ContentFill {
  private readonly donors = new Map<string, CardNode[]>();

  constructor(
    private readonly catalog: Catalog,
    recs: readonly NodeRec[],
  ) {
    for (const r of recs) {
      const list = this.donors.get(r.node.component) ?? [];
      list.push(r.node);
      this.donors.set(r.node.component, list);
    }
  }

  /** A copy of a donor subtree of `component` that may appear twice in a card (no ids, no input names), or null. */
  copyOf(component: string, rng: RandomSource): CardNode | null {
    const options = (this.donors.get(component) ?? []).filter((n) => repeatable(n, this.catalog));
    return options.length === 0 ? null : cloneTree([rng.pick(options)])[0];
  }

  /**
   * A minimal `component` node for `parent.field`: `preset` params and children kept, required params,
   * one-of groups and required children filled from the pattern (or a catalog presentation enum). Null when
   * something required cannot be filled.
   */
  build(
    component: string,
    parent: string | undefined,
    field: string | undefined,
    rng: RandomSource,
    depth: number,
    preset: { params?: Record<string, unknown>; children?: CardNode[] } = {},
    nested = false,
  ): CardNode | null {
    if (depth > LIMITS.structureMaxDepth) return null;
    const spec = this.catalog.component(component);
    const layout = layoutOf(this.catalog, component);
    if (!spec || !layout) return null;
    const slotParams = paramsInSlot(this.catalog, parent, field, component);
    const params: Record<string, unknown> = { ...(preset.params ?? {}) };
    const children: CardNode[] = (preset.children ?? []).slice();
    const donor = this.pickDonor(component, rng);
    for (const [key, p] of Object.entries(slotParams)) {
      if (!p.required || params[key] !== undefined) continue;
      const value = this.fillParam(key, p, donor, rng, nested);
      if (value === undefined) return null;
      params[key] = value;
    }
    for (const edge of spec.edges) {
      const have = children.filter((c) => c.field === edge.field && c.component === edge.child).length;
      for (let i = have; i < edge.min; i++) {
        const child = this.child(edge.child, component, edge.field, rng, depth + 1);
        if (!child) return null;
        children.push(child);
      }
    }
    for (const group of spec.groups ?? []) {
      let total = children.filter((c) => c.field !== undefined && group.fields.includes(c.field)).length;
      const edges = spec.edges.filter((e) => group.fields.includes(e.field));
      while (total < group.min) {
        const options = rng.shuffle(edges);
        let added: CardNode | null = null;
        for (const e of options) if ((added = this.child(e.child, component, e.field, rng, depth + 1))) break;
        if (!added) return null;
        children.push(added);
        total++;
      }
    }
    for (const group of spec.requireOneOf ?? []) {
      if (group.some((f) => params[f] !== undefined || children.some((c) => c.field === f))) continue;
      let filled = false;
      for (const f of group) {
        const slot = layout.slotByField.get(f);
        if (slot) {
          const child = this.child(slot.children[0].child, component, f, rng, depth + 1);
          if (child) {
            children.push(child);
            filled = true;
            break;
          }
          continue;
        }
        const value = slotParams[f] ? this.fillParam(f, slotParams[f], donor, rng, nested) : undefined;
        if (value !== undefined) {
          params[f] = value;
          filled = true;
          break;
        }
      }
      if (!filled) return null;
    }
    // A fresh node with nothing in it (an empty Section, Column or GridItem) says nothing the pattern said.
    if (Object.keys(params).length === 0 && children.length === 0 && (Object.keys(slotParams).length > 0 || spec.edges.length > 0)) return null;
    const node: CardNode = { component, params };
    if (field !== undefined) node.field = field;
    if (children.length > 0) node.children = children;
    return node;
  }

  /** A child for a required slot: a repeatable copy from the pattern, else a minimal node filled from it. */
  private child(component: string, parent: string, field: string, rng: RandomSource, depth: number): CardNode | null {
    const copy = this.copyOf(component, rng);
    if (copy) return { ...copy, field };
    return this.build(component, parent, field, rng, depth, {}, true);
  }

  private pickDonor(component: string, rng: RandomSource): CardNode | undefined {
    const list = this.donors.get(component);
    return list && list.length > 0 ? rng.pick(list) : undefined;
  }

  /** From a donor; a presentation enum from the catalog only for the node an operation adds, not for what it must hold. */
  private fillParam(key: string, spec: ParamSpec, donor: CardNode | undefined, rng: RandomSource, nested: boolean): unknown {
    const fromDonor = donor?.params[key];
    // A form input's name identifies it: a second input with the same name is not a new input.
    if (fromDonor !== undefined && !(key === 'name' && isInputName(spec))) return structuredClone(fromDonor);
    if (!nested && spec.type === 'enum' && spec.presentation && spec.values) {
      const values = spec.values.filter((v) => !v.endsWith('_UNSPECIFIED'));
      return values.length > 0 ? rng.pick(values) : undefined;
    }
    return undefined;
  }
}

const isInputName = (spec: ParamSpec): boolean => spec.type === 'string' && spec.required === true;

/**
 * Whether a subtree may appear twice in one card: no widget or section `id`, no `cardId`, and no form
 * input `name` (Chat reports inputs by name: two inputs with one name collide).
 */
export function repeatable(node: CardNode, catalog: Catalog): boolean {
  if (node.params.id !== undefined || node.widget?.id !== undefined || node.widget?.cardId !== undefined) return false;
  const nameSpec = catalog.component(node.component)?.params.name;
  if (nameSpec?.required && node.params.name !== undefined) return false;
  return (node.children ?? []).every((c) => repeatable(c, catalog));
}
