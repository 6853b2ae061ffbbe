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
  // Paths and pointers are built only for a node that has an issue: most nodes have none.
  type Where = { parent: Where | undefined; label: string; segments: Array<string | number> };
  const pathOf = (w: Where): string => (w.parent ? `${pathOf(w.parent)} > ${w.label}` : w.label);
  const pointerOf = (w: Where): string => (w.parent ? childPointer(pointerOf(w.parent), ...w.segments) : (w.segments[0] as string));
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
    if (!children || children.length === 0) return;
    const layout = layoutOf(catalog, node.component);
    const positions = new Map<string, number>();
    for (const child of children) {
      const field = child.field ?? 'children';
      const i = positions.get(field) ?? 0;
      positions.set(field, i + 1);
      const slot = layout?.slotByField.get(field);
      const key = slot?.wrapped ? catalog.component(child.component)?.card?.key : undefined;
      const segments: Array<string | number> = slot?.list ? [field, i] : [field];
      if (key) segments.push(key);
      visit(child, node, { parent: where, label: `${field}[${i}] ${child.component}`, segments });
    }
  };
  const base = options.pointer ?? '/card';
  tree.forEach((root, i) => visit(root, undefined, { parent: undefined, label: tree.length > 1 ? `roots[${i}] ${root.component}` : root.component, segments: [tree.length > 1 ? childPointer(base, i) : base] }));
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
