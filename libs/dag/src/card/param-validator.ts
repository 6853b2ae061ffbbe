import type { CardNode, CardTree, ParamIssue } from '@motif/core-types';
import type { Catalog } from '../catalog/catalog';
import { checkParams } from '../catalog/param-check';
import type { ParamSpec } from '../catalog/catalog-types';
import { childPointer } from './card-paths';
import { encodeNode } from './card-codec';
import { layoutOf, paramsInSlot } from './card-slots';

/** Google Chat's limits on one card. */
export const CARD_LIMITS = { widgets: 100, bytes: 32 * 1024 } as const;

export interface ParamCheckOptions {
  /** Keys a component does not have: an error (explicit params) or allowed (a card's verbatim extras). */
  unknownKeys: 'error' | 'allow';
  /** JSON pointer of the card root in the input (`/card`). */
  pointer?: string;
  /** Check Google's per-card limits too (default true; a caller that measures the rendered card itself passes false). */
  limits?: boolean;
  /**
   * Subtrees already known to be checked in this same place (a variation shares its unchanged nodes with
   * the original): return true to skip `node` and everything under it.
   */
  skip?: (node: CardNode, parent: CardNode | undefined) => boolean;
}

const fixFor = (message: string, key: string, spec: ParamSpec | undefined): string | undefined => {
  if (/is required/.test(message) || /expected exactly one of/.test(message)) {
    if (spec?.type === 'url') return `add ${key}: an http(s) URL`;
    if (spec?.type === 'enum') return `add ${key}: one of ${(spec.values ?? []).join(', ')}`;
    if (key === 'onClick') return 'add onClick: {"openLink": {"url": "https://…"}} or {"action": {"function": "…"}}';
    return `add ${key}`;
  }
  if (spec?.type === 'enum') return `use one of ${(spec.values ?? []).filter((v) => !v.endsWith('_UNSPECIFIED')).join(', ')}`;
  return undefined;
};

/**
 * Every param problem of a tree, each with the node's path, a JSON pointer into the card and a fix:
 * required fields, types, Card v2 enum values, one-of groups (a Button needs `text` or an `icon`),
 * unknown keys (when asked), and Google's per-card limits (100 widgets, 32 KB). Pure.
 */
export function checkTreeParams(tree: CardTree, catalog: Catalog, options: ParamCheckOptions): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const base = options.pointer ?? '/card';
  // A node's place (its parent's place, and its index among the parent's children or the roots): labels and
  // pointers are built from it only for a node that has an issue, and most nodes have none.
  type Where = { parent: Where | undefined; node: CardNode; holder: CardNode | undefined; index: number };
  const fieldOf = (node: CardNode): string => node.field ?? 'children';
  /** The node's position among its siblings of the same field (`widgets[2]`). */
  const positionOf = (w: Where): number => {
    const siblings = (w.holder as CardNode).children as CardNode[];
    const field = fieldOf(w.node);
    let i = 0;
    for (let k = 0; k < w.index; k++) if (fieldOf(siblings[k]) === field) i++;
    return i;
  };
  const labelOf = (w: Where): string => {
    if (w.holder === undefined) return tree.length > 1 ? `roots[${w.index}] ${w.node.component}` : w.node.component;
    return `${fieldOf(w.node)}[${positionOf(w)}] ${w.node.component}`;
  };
  const segmentsOf = (w: Where): Array<string | number> => {
    if (w.holder === undefined) return [tree.length > 1 ? childPointer(base, w.index) : base];
    const field = fieldOf(w.node);
    const slot = layoutOf(catalog, w.holder.component)?.slotByField.get(field);
    const key = slot?.wrapped ? catalog.component(w.node.component)?.card?.key : undefined;
    const segments: Array<string | number> = slot?.list ? [field, positionOf(w)] : [field];
    if (key) segments.push(key);
    return segments;
  };
  const pathOf = (w: Where): string => (w.parent ? `${pathOf(w.parent)} > ${labelOf(w)}` : labelOf(w));
  const pointerOf = (w: Where): string => (w.parent ? childPointer(pointerOf(w.parent), ...segmentsOf(w)) : (segmentsOf(w)[0] as string));
  const visit = (node: CardNode, parent: CardNode | undefined, where: Where): void => {
    const spec = catalog.component(node.component);
    if (!spec || options.skip?.(node, parent)) return;
    const params = paramsInSlot(catalog, parent?.component, node.field, node.component);
    for (const e of checkParams(params, node.params)) {
      const key = e.path.split('/')[1] ?? '';
      const fix = fixFor(e.message, key, params[key]);
      issues.push({
        code: e.code === 'MISSING_PARAM' ? 'MISSING_PARAM' : 'INVALID_PARAM',
        path: pathOf(where),
        pointer: pointerOf(where) + e.path,
        message: `${node.component}${e.path.replace(/\//g, '.')}: ${e.message}`,
        ...(fix ? { fix } : {}),
      });
    }
    if (options.unknownKeys === 'error') {
      for (const key of Object.keys(node.params)) {
        if (key in params) continue;
        const known = Object.keys(params);
        issues.push({ code: 'UNKNOWN_PARAM', path: pathOf(where), pointer: childPointer(pointerOf(where), key), message: `'${key}' is not a field of ${node.component}`, fix: known.length ? `remove it, or use one of ${known.join(', ')}` : `remove it: ${node.component} takes no params` });
      }
    }
    for (const group of spec.requireOneOf ?? []) {
      const has = group.some((f) => node.params[f] !== undefined || (node.children ?? []).some((c) => c.field === f));
      if (!has) issues.push({ code: 'MISSING_PARAM', path: pathOf(where), pointer: pointerOf(where), message: `${node.component} needs one of ${group.join(', ')}`, fix: `add ${group[0]}` });
    }
    const children = node.children;
    if (!children) return;
    for (let i = 0; i < children.length; i++) visit(children[i], node, { parent: where, node: children[i], holder: node, index: i });
  };
  for (let i = 0; i < tree.length; i++) visit(tree[i], undefined, { parent: undefined, node: tree[i], holder: undefined, index: i });
  if (options.limits !== false) issues.push(...checkCardLimits(tree, catalog, base));
  return issues;
}

/** Google's per-card limits, per card of the tree. */
export function checkCardLimits(tree: CardTree, catalog: Catalog, pointer = '/card'): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const cards = tree.flatMap((root) => (root.component === 'Message' ? (root.children ?? []) : [root]));
  cards.forEach((card, i) => {
    let widgets = 0;
    const count = (node: CardNode): void => {
      for (const child of node.children ?? []) {
        if (child.field === 'widgets') widgets++;
        count(child);
      }
    };
    count(card);
    const label = cards.length > 1 ? `cards[${i}] ${card.component}` : card.component;
    if (widgets > CARD_LIMITS.widgets) {
      issues.push({ code: 'CARD_LIMIT', path: label, pointer, message: `the card holds ${widgets} widgets; Google Chat allows ${CARD_LIMITS.widgets}`, fix: 'split it into several cards or sections' });
    }
    const bytes = Buffer.byteLength(JSON.stringify(encodeNode(card, catalog)), 'utf8');
    if (bytes > CARD_LIMITS.bytes) {
      issues.push({ code: 'CARD_LIMIT', path: label, pointer, message: `the card is ${bytes} bytes of JSON; Google Chat allows ${CARD_LIMITS.bytes}`, fix: 'shorten texts or split the card' });
    }
  });
  return issues;
}
