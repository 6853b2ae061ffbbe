import type { CardNode, CardTree, RandomSource } from '@motif/core-types';
import { type Catalog, type ComponentSpec, copyValue, layoutOf, paramsInSlot, type ParamSpec } from '@motif/dag';
import { varyJinja } from '../params/string-kinds';
import { BoundedCache } from './bounded-cache';
import { stableStringify } from './stable-stringify';
import { locationOf, type NodeRec, recordsOf } from './tree-records';

export interface PresentationVariation {
  tree: CardTree;
  operations: string[];
}

/** Something one variation may change, found once per tree. */
type Site =
  | { kind: 'param'; at: number; key: string; options: readonly unknown[] }
  | { kind: 'style'; at: number; key: string }
  | { kind: 'reorder'; at: number; i: number };

interface Analysis {
  recs: NodeRec[];
  /** Record indexes of each record's children, in order. */
  kids: number[][];
  sites: Site[];
}

/** A pending change of one node: new params, and/or swapped child positions. */
interface Change {
  params?: Record<string, unknown>;
  swaps?: number[];
}

/** How many independent changes one parameter variation makes at most. */
const MAX_CHANGES = 3;

/** Text fields Chat formats with its HTML subset. */
const STYLED_TEXT: Readonly<Record<string, readonly string[]>> = { DecoratedText: ['text'], TextParagraph: ['text'] };
const EMPHASIS = ['b', 'i'] as const;

/**
 * Parameter variations that vary form, never facts. Only what Card v2 types as presentation changes
 * (the catalog's `presentation` fields: button `type` and `color`, `knownIcon`, `imageType`, `wrapText`,
 * Grid `columnCount`…), the style of text (Chat's `<b>`/`<i>` around the text fields Chat formats, and
 * the colour/emphasis filters of Jinja-styled text, whose literal and other filters are kept), and the
 * order of sibling rows and buttons of the same shape (params move with their nodes). Every new value is
 * a catalog enum value, a boolean, a count bounded by the node's own children, or a value the pattern
 * itself holds for that field; URLs, ids, numbers, prices, dates, e-mail addresses and actions are never
 * touched. The tree given is never mutated (changed nodes and their ancestors are copied).
 */
export class PresentationVariator {
  private readonly analyses = new BoundedCache<CardTree, Analysis>(256);
  // Catalog facts the analysis of every tree asks again (a combined variation analyses a new tree each time).
  private readonly presentationParams = new Map<Readonly<Record<string, ParamSpec>>, ReadonlyArray<readonly [string, ParamSpec]>>();
  private readonly oneOfMembers = new Map<ComponentSpec, ReadonlySet<string>>();
  /** Enum field → the current value's stable JSON ('' when unset) → the other values it may take. */
  private readonly enumOptions = new Map<ParamSpec, Map<string, readonly unknown[]>>();

  constructor(private readonly catalog: Catalog) {}

  vary(tree: CardTree, rng: RandomSource): PresentationVariation {
    const a = this.analyses.get(tree, () => this.analyse(tree));
    if (a.sites.length === 0) return { tree, operations: [] };
    const wanted = rng.int(1, Math.min(MAX_CHANGES, a.sites.length));
    const changes = new Map<number, Change>();
    const touched = new Set<string>();
    const operations: string[] = [];
    for (const site of rng.shuffle(a.sites)) {
      if (operations.length >= wanted) break;
      const id = site.kind === 'reorder' ? `r${site.at}` : `p${site.at}:${site.key}`;
      if (touched.has(id)) continue;
      const op = this.apply(a, site, changes, rng);
      if (op === null) continue;
      touched.add(id);
      operations.push(op);
    }
    if (operations.length === 0) return { tree, operations };
    return { tree: rebuild(a, changes), operations };
  }

  private apply(a: Analysis, site: Site, changes: Map<number, Change>, rng: RandomSource): string | null {
    const node = a.recs[site.at].node;
    const change = changes.get(site.at) ?? {};
    const where = (): string => locationOf(a.recs, site.at);
    if (site.kind === 'reorder') {
      const [x, y] = [a.kids[site.at][site.i], a.kids[site.at][site.i + 1]];
      // Equal siblings trade places without changing anything.
      if (JSON.stringify(a.recs[x].node) === JSON.stringify(a.recs[y].node)) return null;
      const swaps = change.swaps ?? a.kids[site.at].map((_, i) => i);
      [swaps[site.i], swaps[site.i + 1]] = [swaps[site.i + 1], swaps[site.i]];
      changes.set(site.at, { ...change, swaps });
      const child = a.recs[x].node;
      return `param reorder ${a.recs[x].field} of ${node.component} at ${where()}: ${child.component} ${site.i}↔${site.i + 1}`;
    }
    const params = change.params ?? { ...node.params };
    const current = params[site.key];
    let op: string;
    if (site.kind === 'style') {
      const next = restyle(current as string, rng);
      if (next === current) return null;
      params[site.key] = next;
      op = `param style ${site.key} of ${node.component} at ${where()}`;
    } else {
      const next = rng.pick(site.options);
      params[site.key] = copyValue(next);
      op = `param ${current === undefined ? 'set' : 'change'} ${site.key} of ${node.component} at ${where()}: ${show(current)} → ${show(next)}`;
    }
    changes.set(site.at, { ...change, params });
    return op;
  }

  private analyse(tree: CardTree): Analysis {
    const recs = recordsOf(tree, this.catalog);
    const kids: number[][] = recs.map(() => []);
    recs.forEach((r, i) => {
      if (r.parent >= 0) kids[r.parent].push(i);
    });
    const values = new Map<string, Map<string, unknown>>();
    const valuesOf = (key: string): Map<string, unknown> => {
      let m = values.get(key);
      if (!m) {
        m = new Map();
        for (const r of recs) if (r.node.params[key] !== undefined) m.set(stableStringify(r.node.params[key]), r.node.params[key]);
        values.set(key, m);
      }
      return m;
    };
    const sites: Site[] = [];
    recs.forEach((r, at) => {
      const node = r.node;
      const spec = this.catalog.component(node.component);
      if (!spec) return;
      const parent = r.parent >= 0 ? recs[r.parent].node.component : undefined;
      const slotParams = paramsInSlot(this.catalog, parent, r.parent >= 0 ? r.field : undefined, node.component);
      let inOneOf = this.oneOfMembers.get(spec);
      if (!inOneOf) this.oneOfMembers.set(spec, (inOneOf = new Set((spec.requireOneOf ?? []).flat())));
      let presentation = this.presentationParams.get(slotParams);
      if (!presentation) this.presentationParams.set(slotParams, (presentation = Object.entries(slotParams).filter(([, p]) => p.presentation)));
      for (const [key, p] of presentation) {
        // A member of a one-of group (an Icon's knownIcon vs iconUrl) only changes where it is already set.
        if (node.params[key] === undefined && inOneOf.has(key)) continue;
        const options = this.optionsFor(key, p, node, valuesOf);
        if (options.length > 0) sites.push({ kind: 'param', at, key, options });
      }
      for (const key of STYLED_TEXT[node.component] ?? []) {
        const text = node.params[key];
        if (typeof text === 'string' && text.trim() !== '' && node.params.textSyntax !== 'MARKDOWN') sites.push({ kind: 'style', at, key });
      }
      const children = node.children ?? [];
      for (let i = 0; i + 1 < children.length; i++) {
        if (children[i].field === children[i + 1].field && shapeOf(children[i]) === shapeOf(children[i + 1])) sites.push({ kind: 'reorder', at, i });
      }
    });
    return { recs, kids, sites };
  }

  /** Values a presentation field may take: catalog enum values, booleans, counts bounded by the node's own children, or the pattern's own values for it. */
  private optionsFor(key: string, p: ParamSpec, node: CardNode, valuesOf: (key: string) => Map<string, unknown>): readonly unknown[] {
    const current = node.params[key];
    const currentKey = current === undefined ? undefined : stableStringify(current);
    const others = (candidates: unknown[]): unknown[] => candidates.filter((v) => stableStringify(v) !== currentKey);
    if (p.type === 'enum') {
      // A pure function of the field and its current value: computed once per pair (the list is only read).
      let byCurrent = this.enumOptions.get(p);
      if (!byCurrent) this.enumOptions.set(p, (byCurrent = new Map()));
      let options = byCurrent.get(currentKey ?? '');
      if (!options) byCurrent.set(currentKey ?? '', (options = others((p.values ?? []).filter((v) => !v.endsWith('_UNSPECIFIED')))));
      return options;
    }
    if (p.type === 'boolean') return [current === undefined ? true : !current];
    if (p.type === 'integer') {
      const held = this.listChildren(node);
      const lo = p.min ?? 0;
      const range = held > 0 && (current !== undefined || key === 'columnCount') ? Array.from({ length: Math.max(0, held - lo + 1) }, (_, i) => lo + i) : [];
      return others([...new Set([...range, ...[...valuesOf(key).values()].filter((v) => typeof v === 'number')])]);
    }
    // Colours and other presentation objects: only what the pattern already uses for the same field.
    return others([...valuesOf(key).values()]);
  }

  /** How many children the node holds in its list slot (Grid items, Section widgets). */
  private listChildren(node: CardNode): number {
    const slot = layoutOf(this.catalog, node.component)?.slots.find((s) => s.list);
    return slot ? (node.children ?? []).filter((c) => c.field === slot.field).length : 0;
  }
}

/** The tree with `changes` applied: changed nodes and their ancestors are new objects, the rest is shared. */
function rebuild(a: Analysis, changes: ReadonlyMap<number, Change>): CardTree {
  const dirty = new Set<number>();
  for (const at of changes.keys()) for (let i = at; i >= 0 && !dirty.has(i); i = a.recs[i].parent) dirty.add(i);
  const build = (i: number): CardNode => {
    const node = a.recs[i].node;
    if (!dirty.has(i)) return node;
    const change = changes.get(i);
    // Changed params in sorted key order: two variations that reach the same params the same JSON.
    const out: CardNode = { ...node, params: change?.params ? sortedKeys(change.params) : node.params };
    if (node.children) {
      const built = a.kids[i].map(build);
      out.children = change?.swaps ? change.swaps.map((k) => built[k]) : built;
    }
    return out;
  };
  const roots: CardNode[] = [];
  for (let i = 0; i < a.recs.length; i++) if (a.recs[i].parent < 0) roots.push(build(i));
  return roots;
}

/** The same entries in sorted key order (Object.fromEntries semantics: a `__proto__` key stays an own key). */
function sortedKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    if (k === '__proto__') Object.defineProperty(out, k, { value: o[k], writable: true, enumerable: true, configurable: true });
    else out[k] = o[k];
  }
  return out;
}

/** Structure of a subtree (components, fields), params left out. */
function shapeOf(node: CardNode): string {
  return `${node.component}:${node.field ?? ''}[${(node.children ?? []).map(shapeOf).join(',')}]`;
}

const show = (v: unknown): string => (v === undefined ? '(unset)' : JSON.stringify(v));

/**
 * Another style of the same text: Jinja-styled text changes its colour/emphasis filters (the literal and
 * any other filter, such as `price('EUR')`, are kept); other text toggles a `<b>` or `<i>` around all of it.
 */
export function restyle(text: string, rng: RandomSource): string {
  if (text.includes('{{')) return varyJinja(text, rng);
  const tag = rng.pick(EMPHASIS);
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  if (text.startsWith(open) && text.endsWith(close) && !text.slice(open.length, -close.length).includes(open)) return text.slice(open.length, -close.length);
  return `${open}${text}${close}`;
}
