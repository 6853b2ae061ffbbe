import type { CardNode, CardTree, ParamIssue, Structure, StructureNode } from '@motif/core-types';
import type { Catalog } from '../catalog/catalog';
import { childPointer } from './card-paths';
import { layoutOf } from './card-slots';
import { treeOfStructure, walkTree } from './tree-views';

/**
 * The seed's flat `instanceParams` ⇄ params on nodes. The rule (table in libs/dag's README):
 * 1. Component keys: a key naming a component by symbol or name (`"δ"`, `"DecoratedText"`) binds
 *    its nodes in pre-order: an array gives the n-th node the n-th entry; `{"_shared": {…}, "_items": […]}`
 *    gives every node `_shared` merged under its own `_items` entry; any other object is shared by all.
 * 2. Lists: `items` feeds DecoratedText and TextParagraph in pre-order (GridItems when the structure
 *    has neither), `buttons` Buttons, `grid_items` GridItems, `cards` CarouselCards, `chips` Chips,
 *    `columns` Columns, `images` Images. A node already bound (by 1, or nested in its parent's entry)
 *    is skipped. More entries than nodes is an error; a node without an entry keeps no params.
 * 3. Any other key goes to the first node in pre-order whose component has that field and that took
 *    no entry of its own (`title` to the header, `text`/`topLabel` to the first DecoratedText, even
 *    after a listed Button); `title` falls back to the first Section's `header`, `image_url` means `imageUrl`.
 * An entry is an object of the node's own fields; a key naming one of its slots (`startIcon`,
 * `button`) binds the child in that slot; a string is the node's main text. Aliases: `url` on a
 * Button or Chip is `onClick.openLink.url`; `image_url` is `imageUrl` (`imageUri` in a grid cell);
 * a hex `color` on a Button becomes Card v2's `{red, green, blue}`.
 */

const LIST_KEYS: ReadonlyArray<{ key: string; components: readonly string[]; fallback?: readonly string[] }> = [
  { key: 'items', components: ['DecoratedText', 'TextParagraph'], fallback: ['GridItem'] },
  { key: 'buttons', components: ['Button'] },
  { key: 'grid_items', components: ['GridItem'] },
  { key: 'cards', components: ['CarouselCard'] },
  { key: 'chips', components: ['Chip'] },
  { key: 'columns', components: ['Column'] },
  { key: 'images', components: ['Image'] },
];

/** Where flattening puts a component's nodes: its list key, or (none) its component key. */
const LIST_KEY_OF: ReadonlyMap<string, string> = new Map([
  ['DecoratedText', 'items'], ['TextParagraph', 'items'], ['Button', 'buttons'], ['GridItem', 'grid_items'],
  ['CarouselCard', 'cards'], ['Chip', 'chips'], ['Column', 'columns'], ['Image', 'images'],
]);

const MAIN_TEXT: Readonly<Record<string, string>> = {
  DecoratedText: 'text', TextParagraph: 'text', Button: 'text', Chip: 'label', GridItem: 'title', CardHeader: 'title', Section: 'header',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function hexToColor(hex: string): Record<string, number> | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) return undefined;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const ch = (i: number) => Math.round((parseInt(h.slice(i, i + 2), 16) / 255) * 1000) / 1000;
  return { red: ch(0), green: ch(2), blue: ch(4) };
}

export interface BindResult {
  tree: CardTree;
  issues: ParamIssue[];
}

interface Located {
  node: CardNode;
  parent: CardNode | undefined;
  path: string;
}

class Binder {
  readonly issues: ParamIssue[] = [];
  private readonly bound = new Set<CardNode>();
  readonly order: Located[] = [];

  constructor(private readonly catalog: Catalog, readonly tree: CardTree, private readonly base: string) {
    const paths = new Map<CardNode, string>();
    const positions = new Map<CardNode, Map<string, number>>();
    walkTree(tree, (node, parent) => {
      let label = node.component;
      if (parent) {
        const counts = positions.get(parent) ?? new Map<string, number>();
        positions.set(parent, counts);
        const field = node.field ?? 'children';
        const i = counts.get(field) ?? 0;
        counts.set(field, i + 1);
        label = `${paths.get(parent)} > ${field}[${i}] ${node.component}`;
      }
      paths.set(node, label);
      this.order.push({ node, parent, path: label });
    });
  }

  private issue(code: ParamIssue['code'], at: Located | undefined, pointer: string, message: string, fix?: string): void {
    this.issues.push({ code, path: at?.path ?? '(pattern)', pointer, message, ...(fix ? { fix } : {}) });
  }

  nodesOf(component: string): Located[] {
    return this.order.filter((l) => l.node.component === component);
  }

  /** Binds one entry (object of fields, or a string main text) to a node. */
  entry(at: Located, value: unknown, pointer: string): void {
    this.bound.add(at.node);
    const { node } = at;
    if (typeof value === 'string' || typeof value === 'number') {
      const field = MAIN_TEXT[node.component];
      if (field === undefined) return this.issue('UNBOUND_PARAM', at, pointer, `${node.component} has no main text to take '${String(value)}'`, `give an object of ${node.component} fields`);
      node.params[field] = String(value);
      return;
    }
    if (!isObject(value)) return this.issue('UNBOUND_PARAM', at, pointer, `expected an object of ${node.component} fields or a text`);
    const layout = layoutOf(this.catalog, node.component);
    const own = this.paramsOf(at);
    for (const [key, v] of Object.entries(value)) {
      const p = childPointer(pointer, key);
      if (key === '_widget' && isObject(v)) {
        node.widget = { ...(node.widget ?? {}), ...v };
        continue;
      }
      const slot = layout?.slotByField.get(key);
      if (slot) {
        const held = (node.children ?? []).filter((c) => c.field === key).map((c) => this.locate(c));
        const values = Array.isArray(v) ? v : [v];
        if (held.length === 0) {
          this.issue('UNBOUND_PARAM', at, p, `${node.component} has no ${key} in this structure`, `add a ${slot.children.map((e) => e.child).join(' or ')} in ${key}, or remove '${key}'`);
          continue;
        }
        if (values.length > held.length) this.issue('UNBOUND_PARAM', at, p, `${key} has ${values.length} entries but the structure holds ${held.length}`);
        values.slice(0, held.length).forEach((item, i) => this.entry(held[i], item, Array.isArray(v) ? childPointer(p, i) : p));
        continue;
      }
      const alias = this.alias(node.component, key, v, at);
      if (alias) {
        if (alias.child) this.entry(alias.child, alias.value, p);
        else node.params[alias.field] = alias.value;
        continue;
      }
      if (key in own) {
        node.params[key] = key === 'color' && typeof v === 'string' && node.component === 'Button' ? (hexToColor(v) ?? v) : v;
        continue;
      }
      // Kept on the node (a card's verbatim extras flatten this way); the caller decides whether it is fatal.
      node.params[key] = v;
      const known = [...Object.keys(own), ...(layout?.slots.map((s) => s.field) ?? [])];
      this.issue('UNKNOWN_PARAM', at, p, `'${key}' is not a field of ${node.component}`, known.length ? `use one of ${known.join(', ')}` : `${node.component} takes no params`);
    }
  }

  /** A list-less component in a single slot (an icon, a switch, a header) travels inside its parent's entry. */
  private nestedInEntry(at: Located): boolean {
    if (!at.parent || at.node.field === undefined || LIST_KEY_OF.has(at.node.component)) return false;
    const slot = layoutOf(this.catalog, at.parent.component)?.slotByField.get(at.node.field);
    return slot !== undefined && !slot.list;
  }

  private paramsOf(at: Located): Readonly<Record<string, unknown>> {
    const { node, parent } = at;
    if (parent && node.field) {
      const edge = this.catalog.component(parent.component)?.edges.find((e) => e.field === node.field && e.child === node.component);
      if (edge?.childParams) return edge.childParams;
    }
    return this.catalog.component(node.component)?.params ?? {};
  }

  private alias(component: string, key: string, value: unknown, at: Located): { field: string; value: unknown; child?: Located } | undefined {
    if (key === 'url' && (component === 'Button' || component === 'Chip' || component === 'Image' || component === 'Grid')) {
      return { field: 'onClick', value: { openLink: { url: value } } };
    }
    if (key === 'image_url' || (key === 'imageUrl' && component === 'GridItem')) {
      if (component === 'GridItem') {
        const image = (at.node.children ?? []).find((c) => c.field === 'image');
        if (image) return { field: 'imageUri', value: { imageUri: value }, child: this.locate(image) };
        return undefined;
      }
      if (at.parent?.component === 'GridItem') return { field: 'imageUri', value };
      return { field: 'imageUrl', value };
    }
    return undefined;
  }

  private locate(node: CardNode): Located {
    return this.order.find((l) => l.node === node) as Located;
  }

  /** Rule 1: component keys. */
  componentKey(name: string, value: unknown, pointer: string): void {
    // Positions count the nodes flattening lists under this key (not those nested in a parent's entry).
    const all = this.nodesOf(name);
    const free = all.filter((l) => !this.nestedInEntry(l));
    const nodes = free.length > 0 ? free : all;
    if (nodes.length === 0) return this.issue('UNBOUND_PARAM', undefined, pointer, `the structure has no ${name}`, `add a ${name}, or remove '${pointer.split('/').pop()}'`);
    if (Array.isArray(value)) {
      if (value.length > nodes.length) this.issue('UNBOUND_PARAM', nodes[nodes.length - 1], pointer, `${value.length} entries for ${nodes.length} ${name}`, `add ${name} nodes or remove entries`);
      value.slice(0, nodes.length).forEach((v, i) => this.entry(nodes[i], v, childPointer(pointer, i)));
      return;
    }
    if (isObject(value) && ('_items' in value || '_shared' in value)) {
      const shared = isObject(value._shared) ? value._shared : {};
      const items = Array.isArray(value._items) ? value._items : [];
      if (items.length > nodes.length) this.issue('UNBOUND_PARAM', nodes[nodes.length - 1], childPointer(pointer, '_items'), `${items.length} _items for ${nodes.length} ${name}`);
      nodes.forEach((at, i) => {
        const own = items[i];
        this.entry(at, isObject(own) ? { ...shared, ...own } : own === undefined ? shared : own, own === undefined ? childPointer(pointer, '_shared') : childPointer(pointer, '_items', i));
      });
      return;
    }
    for (const at of nodes) this.entry(at, value, pointer);
  }

  /** Rule 2: lists, in pre-order, skipping nodes already bound. */
  list(key: string, components: readonly string[], value: unknown, pointer: string): void {
    const entries = Array.isArray(value) ? value : [value];
    const targets = this.order.filter((l) => components.includes(l.node.component) && !this.bound.has(l.node));
    entries.forEach((entry, i) => {
      const at = targets[i];
      if (!at) {
        if (i === targets.length) {
          this.issue('UNBOUND_PARAM', targets[targets.length - 1], childPointer(pointer, i), `${key} has ${entries.length} entries but the structure has ${targets.length} ${components.join('/')}`, `give ${key} ${targets.length} entries, or add ${components[0]} nodes (${components[0]}×${entries.length})`);
        }
        return;
      }
      this.entry(at, entry, Array.isArray(value) ? childPointer(pointer, i) : pointer);
    });
  }

  /** Rule 3: a field of the first node that has it. */
  field(key: string, value: unknown, pointer: string): void {
    const field = key === 'image_url' ? 'imageUrl' : key;
    // A node that took its own entry (a listed Button) owns its fields: prefer one that did not.
    let owner = this.order.find((l) => field in this.paramsOf(l) && !this.bound.has(l.node)) ?? this.order.find((l) => field in this.paramsOf(l));
    let target = field;
    if (!owner && key === 'title') {
      owner = this.order.find((l) => l.node.component === 'Section');
      target = 'header';
    }
    if (!owner) return this.issue('UNKNOWN_PARAM', undefined, pointer, `no component of this structure has a field '${key}'`, 'remove it, or bind it to a component by name (e.g. {"DecoratedText": [{…}]})');
    if (owner.node.params[target] !== undefined) return this.issue('UNBOUND_PARAM', owner, pointer, `${target} of ${owner.node.component} is given twice`);
    owner.node.params[target] = value;
  }
}

/** Binds flat params to a structure's nodes. Pure: the structure is expanded into a fresh tree. */
export function bindFlatParams(structure: Structure, flat: Readonly<Record<string, unknown>>, catalog: Catalog, pointer = '/instanceParams'): BindResult {
  const tree = treeOfStructure(structure);
  const binder = new Binder(catalog, tree, pointer);
  const rest: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(flat)) {
    const component = LIST_KEYS.some((l) => l.key === key) ? undefined : catalog.resolveName(key);
    if (component !== undefined && (catalog.component(key) !== undefined || catalog.componentOfSymbol(key) !== undefined)) binder.componentKey(component, value, childPointer(pointer, key));
    else rest.push([key, value]);
  }
  const fields: Array<[string, unknown]> = [];
  for (const [key, value] of rest) {
    const list = LIST_KEYS.find((l) => l.key === key);
    if (!list) {
      fields.push([key, value]);
      continue;
    }
    const present = list.components.some((c) => binder.nodesOf(c).length > 0);
    const components = !present && list.fallback ? list.fallback : list.components;
    binder.list(key, components, value, childPointer(pointer, key));
  }
  for (const [key, value] of fields) binder.field(key, value, childPointer(pointer, key));
  return { tree, issues: binder.issues };
}

/**
 * The flat view of a tree, in the form `bindFlatParams` reads back to the same tree: list
 * components in their list (with their list-less children, such as icons, nested by slot), every
 * other component with params under its own name, by pre-order position.
 */
export function flattenTree(tree: CardTree, catalog: Catalog): Record<string, unknown> {
  const lists = new Map<string, unknown[]>();
  const byComponent = new Map<string, Array<Record<string, unknown>>>();
  const nested = new Set<CardNode>();
  const entryOf = (node: CardNode): Record<string, unknown> => {
    const entry: Record<string, unknown> = { ...node.params };
    if (node.widget) entry._widget = { ...node.widget };
    const layout = layoutOf(catalog, node.component);
    for (const slot of layout?.slots ?? []) {
      if (slot.list) continue;
      const held = (node.children ?? []).find((c) => c.field === slot.field);
      if (held === undefined || LIST_KEY_OF.has(held.component)) continue;
      nested.add(held);
      entry[slot.field] = entryOf(held);
    }
    return entry;
  };
  walkTree(tree, (node) => {
    if (nested.has(node)) return;
    const key = LIST_KEY_OF.get(node.component);
    if (key !== undefined) {
      const list = lists.get(key) ?? [];
      list.push(entryOf(node));
      lists.set(key, list);
      return;
    }
    const list = byComponent.get(node.component) ?? [];
    list.push(entryOf(node));
    byComponent.set(node.component, list);
  });
  const out: Record<string, unknown> = {};
  for (const [name, entries] of byComponent) if (entries.some((e) => Object.keys(e).length > 0)) out[name] = entries;
  for (const [key, entries] of lists) out[key] = entries;
  return out;
}

/**
 * Grows node counts so that the flat params' lists fit: when `buttons` has 3 entries and the
 * structure holds one Button, that Button becomes `ᵬ×3`. For sources that list which components a
 * card used but not how many (module_wrapper's `parent_paths`). Never shrinks and never adds a
 * component the structure lacks; the result is validated like any other structure. Pure.
 */
export function fitCountsToFlatParams(structure: Structure, flat: Readonly<Record<string, unknown>>, catalog: Catalog): { structure: Structure; grown: string[] } {
  const copy: Structure = JSON.parse(JSON.stringify(structure));
  const order: StructureNode[] = [];
  const visit = (nodes: readonly StructureNode[]) => {
    for (const n of nodes) {
      order.push(n);
      visit(n.children ?? []);
    }
  };
  visit(copy);
  const held = (components: readonly string[]) => order.filter((n) => components.includes(n.component));
  const grown: string[] = [];
  const fit = (key: string, components: readonly string[], entries: number) => {
    const nodes = held(components);
    const total = nodes.reduce((sum, n) => sum + (n.count ?? 1), 0);
    if (nodes.length === 0 || total >= entries) return;
    const last = nodes[nodes.length - 1];
    last.count = (last.count ?? 1) + entries - total;
    grown.push(`${last.component}×${last.count} (${entries} ${key})`);
  };
  for (const [key, value] of Object.entries(flat)) {
    if (!Array.isArray(value)) continue;
    const list = LIST_KEYS.find((l) => l.key === key);
    if (list) {
      const components = held(list.components).length === 0 && list.fallback ? list.fallback : list.components;
      fit(key, components, value.length);
      continue;
    }
    const component = catalog.component(key) !== undefined || catalog.componentOfSymbol(key) !== undefined ? catalog.resolveName(key) : undefined;
    if (component !== undefined) fit(key, [component], value.length);
  }
  return { structure: copy, grown };
}
