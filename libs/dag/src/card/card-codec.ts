import { MotifError, type CardNode, type CardTree, type CardV2, type CardsV2Message, type FieldError } from '@motif/core-types';
import type { Catalog } from '../catalog/catalog';
import { childLabel, childPointer } from './card-paths';
import { type ComponentLayout, layoutOf, paramsInSlot, type SlotShape } from './card-slots';
import { isStyledText, renderStyledText } from './styled-text';

export interface DecodedCard {
  tree: CardTree;
  /** JSON pointers of fields the catalog does not model: kept verbatim on their node. */
  unknownFields: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bounds a hostile card: Google's own limit is far below these. */
const MAX_DEPTH = 64;

class Decoder {
  readonly errors: FieldError[] = [];
  readonly unknownFields: string[] = [];

  constructor(private readonly catalog: Catalog) {}

  node(value: unknown, component: string, field: string | undefined, pointer: string, label: string, depth: number, parent?: string): CardNode | undefined {
    if (!isObject(value)) {
      this.errors.push({ path: pointer, message: `${label}: expected a ${component} object`, code: 'INVALID_CARD' });
      return undefined;
    }
    if (depth > MAX_DEPTH) {
      this.errors.push({ path: pointer, message: `${label}: the card is nested deeper than ${MAX_DEPTH} levels`, code: 'INVALID_CARD' });
      return undefined;
    }
    const layout = layoutOf(this.catalog, component);
    if (!layout) throw new RangeError(`unknown component '${component}' in catalog ${this.catalog.id}`);
    const params: Record<string, unknown> = {};
    const bySlot = new Map<string, CardNode[]>();
    const known = paramsInSlot(this.catalog, parent, field, component);
    for (const [key, v] of Object.entries(value)) {
      const slot = layout.slotByField.get(key);
      if (slot === undefined) {
        params[key] = v;
        if (!(key in known)) this.unknownFields.push(childPointer(pointer, key));
        continue;
      }
      bySlot.set(key, this.slot(slot, v, component, childPointer(pointer, key), label, depth));
    }
    const children: CardNode[] = [];
    for (const slot of layout.slots) children.push(...(bySlot.get(slot.field) ?? []));
    const node: CardNode = { component, params };
    if (field !== undefined) node.field = field;
    if (children.length > 0) node.children = children;
    return node;
  }

  private slot(slot: SlotShape, value: unknown, parent: string, pointer: string, parentLabel: string, depth: number): CardNode[] {
    if (!slot.list) {
      const child = slot.children[0].child;
      const n = this.node(value, child, slot.field, pointer, childLabel(parentLabel, slot.field, undefined, child), depth + 1, parent);
      return n ? [n] : [];
    }
    if (!Array.isArray(value)) {
      this.errors.push({ path: pointer, message: `${parentLabel}: ${parent}.${slot.field} must be an array`, code: 'INVALID_CARD' });
      return [];
    }
    const out: CardNode[] = [];
    value.forEach((element, i) => {
      const at = childPointer(pointer, i);
      if (slot.wrapped) {
        const n = this.wrapped(slot, element, parent, at, parentLabel, i, depth);
        if (n) out.push(n);
        return;
      }
      const child = slot.children[0].child;
      const n = this.node(element, child, slot.field, at, childLabel(parentLabel, slot.field, i, child), depth + 1, parent);
      if (n) out.push(n);
    });
    return out;
  }

  /** `{"decoratedText": {…}, "horizontalAlignment": "CENTER"}`: exactly one one-of key, the rest wrapper fields. */
  private wrapped(slot: SlotShape, element: unknown, parent: string, pointer: string, parentLabel: string, index: number, depth: number): CardNode | undefined {
    const keyed = new Map<string, string>();
    for (const edge of slot.children) {
      const key = this.catalog.component(edge.child)?.card?.key;
      if (key !== undefined) keyed.set(key, edge.child);
    }
    if (!isObject(element)) {
      this.errors.push({ path: pointer, message: `${parentLabel}: ${slot.field}[${index}] must be an object holding one of ${[...keyed.keys()].join(', ')}`, code: 'INVALID_CARD' });
      return undefined;
    }
    const present = Object.keys(element).filter((k) => keyed.has(k));
    if (present.length !== 1) {
      const unknown = Object.keys(element).filter((k) => !keyed.has(k) && !layoutOf(this.catalog, parent)?.wrapperFields.has(k));
      const hint = unknown.length > 0 ? ` (found ${unknown.map((k) => `'${k}'`).join(', ')}, which ${parent}.${slot.field} cannot hold)` : '';
      this.errors.push({
        path: pointer,
        message: `${parentLabel}: ${slot.field}[${index}] must hold exactly one of ${[...keyed.keys()].join(', ')}; it holds ${present.length === 0 ? 'none' : present.join(' and ')}${hint}`,
        code: 'INVALID_CARD',
      });
      return undefined;
    }
    const key = present[0];
    const component = keyed.get(key) as string;
    const node = this.node(element[key], component, slot.field, childPointer(pointer, key), childLabel(parentLabel, slot.field, index, component), depth + 1, parent);
    if (!node) return undefined;
    const wrapperFields = layoutOf(this.catalog, parent)?.wrapperFields ?? new Set<string>();
    const extra = Object.entries(element).filter(([k]) => k !== key);
    if (extra.length > 0) {
      node.widget = Object.fromEntries(extra);
      for (const [k] of extra) if (!wrapperFields.has(k)) this.unknownFields.push(childPointer(pointer, k));
    }
    return node;
  }
}

/**
 * Card v2 JSON → tree. Pure. Children are kept in catalog slot order (JSON key order does not
 * change the pattern); every field that is not a slot is a param of its node, kept verbatim.
 * A malformed card is an INVALID_CARD error naming every JSON path at fault.
 */
export function decodeCard(card: unknown, catalog: Catalog, pointer = '/card'): DecodedCard {
  return decodeAs(card, 'Card', catalog, pointer);
}

/** A whole message `{"cardsV2": [{"cardId", "card"}]}` → one tree per card (with its `cardId` kept on the node). */
export function decodeMessage(message: unknown, catalog: Catalog, pointer = ''): Array<DecodedCard & { cardId?: string }> {
  if (!isObject(message) || !Array.isArray(message.cardsV2)) {
    throw new MotifError('INVALID_CARD', `${pointer || '/'}: expected a message {"cardsV2": [{"cardId", "card"}]}`, {
      fieldErrors: [{ path: `${pointer}/cardsV2`, message: 'expected an array of {cardId, card}', code: 'INVALID_CARD' }],
    });
  }
  return message.cardsV2.map((entry, i) => {
    const at = `${pointer}/cardsV2/${i}`;
    if (!isObject(entry) || !isObject(entry.card)) {
      throw new MotifError('INVALID_CARD', `${at}: expected {"cardId", "card": {…}}`, { fieldErrors: [{ path: `${at}/card`, message: 'expected a card object', code: 'INVALID_CARD' }] });
    }
    const decoded = decodeCard(entry.card, catalog, `${at}/card`);
    return typeof entry.cardId === 'string' ? { ...decoded, cardId: entry.cardId } : decoded;
  });
}

function decodeAs(value: unknown, component: string, catalog: Catalog, pointer: string): DecodedCard {
  const decoder = new Decoder(catalog);
  const node = decoder.node(value, component, undefined, pointer, component, 0);
  if (decoder.errors.length > 0 || !node) {
    const summary = decoder.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ');
    const more = decoder.errors.length > 3 ? ` (+${decoder.errors.length - 3} more)` : '';
    throw new MotifError('INVALID_CARD', `the card is malformed: ${summary}${more}`, { fieldErrors: decoder.errors });
  }
  return { tree: [node], unknownFields: decoder.unknownFields };
}

/** One node → its Card v2 JSON object. Pure. */
export function encodeNode(node: CardNode, catalog: Catalog): Record<string, unknown> {
  const layout = layoutOf(catalog, node.component);
  const out: Record<string, unknown> = { ...node.params };
  if (!layout) return out;
  const children = node.children ?? [];
  for (const slot of layout.slots) {
    const held = children.filter((c) => (c.field ?? defaultField(layout.slots, c.component)) === slot.field);
    if (held.length === 0) continue;
    if (!slot.list) {
      out[slot.field] = encodeNode(held[0], catalog);
      continue;
    }
    out[slot.field] = held.map((child) => {
      if (!slot.wrapped) return encodeNode(child, catalog);
      const key = catalog.component(child.component)?.card?.key ?? child.component;
      return { [key]: encodeNode(child, catalog), ...(child.widget ?? {}) };
    });
  }
  return out;
}

function defaultField(slots: SlotShape[], component: string): string | undefined {
  return slots.find((s) => s.children.some((e) => e.child === component))?.field;
}

/**
 * A tree → a ready-to-send message. Card roots become one card each; consecutive Section roots
 * are gathered into one card; a Message root contributes its cards (with their own `cardId`s).
 * Card ids are `cardId`, then `cardId-2`, `cardId-3`… when there are several.
 */
export function renderTree(tree: CardTree, cardId: string, catalog: Catalog, options: { styled?: boolean } = {}): CardsV2Message {
  if (options.styled === false) return encodeMessage(tree, cardId, catalog);
  return new StyledRenderer(catalog).message(tree, cardId).message;
}

export interface SizedMessage {
  message: CardsV2Message;
  /**
   * Per card of `message.cardsV2`, an upper bound on the UTF-8 bytes of `JSON.stringify(card)`, or undefined when
   * the card holds a value whose JSON cannot be bounded without serialising it (a BigInt, a `toJSON` key).
   */
  cardBytesAtMost: Array<number | undefined>;
}

/**
 * renderTree (styled) plus a bound on each card's JSON size, counted while the card is built: a caller that only
 * needs to know a card is within Google's 32 KB serialises it only when the bound says it might not be.
 */
export function renderTreeSized(tree: CardTree, cardId: string, catalog: Catalog): SizedMessage {
  return new StyledRenderer(catalog).message(tree, cardId);
}

/** Longest JSON a finite double prints as (`-2.2250738585072014e-308` is 24 characters). */
const NUMBER_BYTES_AT_MOST = 25;
/** JSON escapes a UTF-16 unit into at most 6 bytes of UTF-8 (`\u001f`, a lone surrogate); plus the two quotes. */
const stringBytesAtMost = (s: string): number => 6 * s.length + 2;
/** A key's quoted string, its colon and a comma. */
const keyBytesAtMost = (k: string): number => 6 * k.length + 4;
/** Keys whose place in an object's key order is not their insertion order (array indexes come first). */
const INDEX_KEY = /^\d+$/;

/** Layouts whose slot fields all sort after the params (no index-like field): see StyledRenderer.node. */
const plainLayouts = new WeakMap<ComponentLayout, boolean>();
function isPlainLayout(layout: ComponentLayout): boolean {
  let plain = plainLayouts.get(layout);
  if (plain === undefined) plainLayouts.set(layout, (plain = layout.slots.every((s) => !INDEX_KEY.test(s.field))));
  return plain;
}

/**
 * encodeMessage followed by a styled copy of every string (a fresh value: the encoded nodes share nested params
 * with the tree), in one pass: the encoded card is not built and then copied again.
 * The result is the same value, key for key, and styled strings are rendered in the same order (so the same
 * StyledTextError is thrown first): where the order could differ (a param named like one of the node's slots, a
 * wrapper field named like the child's key, index-like keys), that subtree takes the two-pass path. It also counts
 * an upper bound on each card's JSON bytes as it goes.
 */
class StyledRenderer {
  private bytes = 0;
  private bounded = true;

  constructor(private readonly catalog: Catalog) {}

  message(tree: CardTree, cardId: string): SizedMessage {
    const cards = cardsOf(tree);
    const out: Array<{ cardId: string; card: CardV2 }> = new Array(cards.length);
    const cardBytesAtMost: Array<number | undefined> = new Array(cards.length);
    for (let i = 0; i < cards.length; i++) {
      const c = cards[i];
      const id = this.value(c.cardId ?? (i === 0 ? cardId : `${cardId}-${i + 1}`)) as string;
      this.bytes = 0;
      this.bounded = true;
      let card: CardV2;
      if (c.sections) {
        const sections: unknown[] = new Array(c.sections.length);
        this.bytes += 2 + keyBytesAtMost('sections') + 2 + sections.length;
        for (let k = 0; k < sections.length; k++) sections[k] = this.node(c.sections[k]);
        card = { sections } as CardV2;
      } else {
        card = this.node(c.node as CardNode) as CardV2;
      }
      cardBytesAtMost[i] = this.bounded ? this.bytes : undefined;
      out[i] = { cardId: id, card };
    }
    return { message: { cardsV2: out }, cardBytesAtMost };
  }

  /** encodeNode(node) with its strings styled. */
  private node(node: CardNode): Record<string, unknown> {
    const layout = layoutOf(this.catalog, node.component);
    const children = node.children ?? [];
    const params = node.params;
    const keys = Object.keys(params);
    if (layout && children.length > 0) {
      // The two-pass order differs only when a slot overwrites a param or sorts before one: keep it there.
      if (!isPlainLayout(layout)) return this.value(encodeNode(node, this.catalog)) as Record<string, unknown>;
      for (const key of keys) if (layout.slotByField.has(key)) return this.value(encodeNode(node, this.catalog)) as Record<string, unknown>;
    }
    const out: Record<string, unknown> = {};
    this.bytes += 2;
    for (const key of keys) this.entry(out, key, params[key]);
    if (!layout || children.length === 0) return out;
    const slots = layout.slots;
    // Each child's field once (encodeNode asks again per slot).
    const fields: Array<string | undefined> = new Array(children.length);
    for (let i = 0; i < children.length; i++) fields[i] = children[i].field ?? defaultField(slots, children[i].component);
    for (const slot of slots) {
      let held: CardNode[] | undefined;
      for (let i = 0; i < children.length; i++) if (fields[i] === slot.field) (held ??= []).push(children[i]);
      if (held === undefined) continue;
      this.bytes += keyBytesAtMost(slot.field);
      if (!slot.list) {
        out[slot.field] = this.node(held[0]);
        continue;
      }
      const list: unknown[] = new Array(held.length);
      this.bytes += 2 + held.length;
      for (let i = 0; i < held.length; i++) list[i] = slot.wrapped ? this.wrapped(held[i]) : this.node(held[i]);
      out[slot.field] = list;
    }
    return out;
  }

  /** `{ [key]: encodeNode(child), ...child.widget }` with its strings styled. */
  private wrapped(child: CardNode): Record<string, unknown> {
    const key = this.catalog.component(child.component)?.card?.key ?? child.component;
    const widget = child.widget ?? {};
    const extra = Object.keys(widget);
    if (INDEX_KEY.test(key) || extra.some((k) => k === key || INDEX_KEY.test(k))) {
      return this.value({ [key]: encodeNode(child, this.catalog), ...widget }) as Record<string, unknown>;
    }
    const out: Record<string, unknown> = {};
    this.bytes += 2 + keyBytesAtMost(key);
    out[key] = this.node(child);
    for (const k of extra) this.entry(out, k, widget[k]);
    return out;
  }

  private entry(out: Record<string, unknown>, key: string, value: unknown): void {
    if (key === 'toJSON') this.bounded = false;
    this.bytes += keyBytesAtMost(key);
    out[key] = this.value(value);
  }

  /** A fresh copy of a JSON value with its styled strings rendered, counting its JSON bytes. */
  private value(value: unknown): unknown {
    switch (typeof value) {
      case 'string': {
        const s = isStyledText(value) ? renderStyledText(value) : value;
        this.bytes += stringBytesAtMost(s);
        return s;
      }
      case 'number':
        this.bytes += NUMBER_BYTES_AT_MOST;
        return value;
      case 'bigint':
        // JSON.stringify throws on it: only the caller's own serialisation can say what happens.
        this.bounded = false;
        return value;
      case 'object':
        break;
      default:
        // true, false, and what JSON prints as null or leaves out (undefined, functions, symbols).
        this.bytes += 5;
        return value;
    }
    if (value === null) {
      this.bytes += 4;
      return value;
    }
    if (Array.isArray(value)) {
      const out: unknown[] = new Array(value.length);
      this.bytes += 2 + value.length;
      for (let i = 0; i < value.length; i++) out[i] = this.value(value[i]);
      return out;
    }
    const out: Record<string, unknown> = {};
    this.bytes += 2;
    for (const key of Object.keys(value)) this.entry(out, key, (value as Record<string, unknown>)[key]);
    return out;
  }
}

/** The cards of a message before encoding: a run of Section roots, or one card node (with a Message child's own id). */
interface PendingCard {
  cardId?: string;
  sections?: CardNode[];
  node?: CardNode;
}

function cardsOf(tree: CardTree): PendingCard[] {
  const cards: PendingCard[] = [];
  let sections: CardNode[] = [];
  const flush = (): void => {
    if (sections.length === 0) return;
    cards.push({ sections });
    sections = [];
  };
  for (const root of tree) {
    if (root.component === 'Section') {
      sections.push(root);
      continue;
    }
    flush();
    if (root.component === 'Message') {
      for (const child of root.children ?? []) {
        const id = typeof child.widget?.cardId === 'string' ? child.widget.cardId : undefined;
        cards.push(id !== undefined ? { cardId: id, node: child } : { node: child });
      }
    } else {
      cards.push({ node: root });
    }
  }
  flush();
  return cards;
}

function encodeMessage(tree: CardTree, cardId: string, catalog: Catalog): CardsV2Message {
  const cards = cardsOf(tree);
  return {
    cardsV2: cards.map((c, i) => ({
      cardId: c.cardId ?? (i === 0 ? cardId : `${cardId}-${i + 1}`),
      card: c.sections ? { sections: c.sections.map((s) => encodeNode(s, catalog)) } : encodeNode(c.node as CardNode, catalog),
    })),
  };
}
