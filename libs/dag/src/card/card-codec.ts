import { MotifError, type CardNode, type CardTree, type CardV2, type CardsV2Message, type FieldError } from '@motif/core-types';
import type { Catalog } from '../catalog/catalog';
import { childLabel, childPointer } from './card-paths';
import { layoutOf, paramsInSlot, type SlotShape } from './card-slots';
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
  const message = encodeMessage(tree, cardId, catalog);
  return options.styled === false ? message : (renderStyledStrings(message) as CardsV2Message);
}

/**
 * Styled text (Jinja filters) in every string becomes Chat's HTML subset; throws StyledTextError. The result is a
 * fresh copy (the encoded nodes share nested params with the tree), built with plain loops: it runs once per card.
 */
function renderStyledStrings(value: unknown): unknown {
  if (typeof value === 'string') return isStyledText(value) ? renderStyledText(value) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = renderStyledStrings(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = renderStyledStrings((value as Record<string, unknown>)[key]);
  return out;
}

function encodeMessage(tree: CardTree, cardId: string, catalog: Catalog): CardsV2Message {
  const cards: Array<{ cardId?: string; card: CardV2 }> = [];
  let sections: CardNode[] = [];
  const flush = (): void => {
    if (sections.length === 0) return;
    cards.push({ card: { sections: sections.map((s) => encodeNode(s, catalog)) } });
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
        cards.push({ ...(id !== undefined ? { cardId: id } : {}), card: encodeNode(child, catalog) });
      }
    } else {
      cards.push({ card: encodeNode(root, catalog) });
    }
  }
  flush();
  return { cardsV2: cards.map((c, i) => ({ cardId: c.cardId ?? (i === 0 ? cardId : `${cardId}-${i + 1}`), card: c.card })) };
}
