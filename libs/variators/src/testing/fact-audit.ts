import type { CardNode, CardTree } from '@motif/core-types';
import { type Catalog, paramsInSlot, walkTree } from '@motif/dag';

/**
 * Audits of a variation against its source, for specs and the bench: facts a variation may not invent,
 * and params left on a node whose component does not have them.
 */
export interface InventedValue {
  node: string;
  path: string;
  value: unknown;
}

const STYLE_FILTER_NAMES = ['success_text', 'error_text', 'warning_text', 'info_text', 'muted_text', 'bold', 'italic', 'strike', 'underline'];
const STYLE_FILTER = new RegExp(`\\s*\\|\\s*(?:${STYLE_FILTER_NAMES.join('|')})\\b(?!\\s*\\()`, 'g');

/** What a text says, style aside: Chat HTML tags and Jinja style filters removed, spaces collapsed. */
export const textContent = (s: string): string => s.replace(/<\/?[A-Za-z][^>]*>/g, '').replace(STYLE_FILTER, '').replace(/\s+/g, ' ').trim();

type Leaf = { path: string; key: string; value: unknown };

function leaves(value: unknown, path: string, key: string, out: Leaf[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, key, out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, k, out);
  else out.push({ path, key, value });
}

/**
 * Values of `variation` that are neither in `source` (same field name, anywhere in the pattern; text
 * compared by content, style aside) nor in the catalog's domain of a presentation field (its enum values,
 * a boolean, a count within the node's own children). Empty when nothing was invented.
 */
export function inventedValues(source: CardTree, variation: CardTree, catalog: Catalog): InventedValue[] {
  const known = new Set<string>();
  const texts = new Set<string>();
  walkTree(source, (node) => {
    const out: Leaf[] = [];
    leaves(node.params, '', '', out);
    for (const l of out) {
      known.add(`${l.key}\u0000${JSON.stringify(l.value)}`);
      if (typeof l.value === 'string') texts.add(`${l.key}\u0000${textContent(l.value)}`);
    }
  });
  const found: InventedValue[] = [];
  walkTree(variation, (node, parent) => {
    const specs = paramsInSlot(catalog, parent?.component, node.field, node.component);
    const out: Leaf[] = [];
    leaves(node.params, '', '', out);
    for (const l of out) {
      if (known.has(`${l.key}\u0000${JSON.stringify(l.value)}`)) continue;
      if (typeof l.value === 'string' && texts.has(`${l.key}\u0000${textContent(l.value)}`)) continue;
      const top = l.path.split(/[.[]/)[0];
      const spec = specs[top];
      if (spec?.presentation && top === l.path) {
        if (spec.type === 'enum' && typeof l.value === 'string' && (spec.values ?? []).includes(l.value)) continue;
        if (spec.type === 'boolean' && typeof l.value === 'boolean') continue;
        if (spec.type === 'integer' && typeof l.value === 'number' && l.value >= (spec.min ?? 0) && l.value <= (node.children?.length ?? 0)) continue;
      }
      found.push({ node: node.component, path: l.path, value: l.value });
    }
  });
  return found;
}

/** Params a node carries that its component does not have in its slot, and that the source did not carry verbatim on the same component. */
export function orphanParams(source: CardTree, variation: CardTree, catalog: Catalog): Array<{ node: string; key: string }> {
  const verbatim = new Set<string>();
  walkTree(source, (node, parent) => {
    const specs = paramsInSlot(catalog, parent?.component, node.field, node.component);
    for (const key of Object.keys(node.params)) if (!(key in specs)) verbatim.add(`${node.component}\u0000${key}`);
  });
  const out: Array<{ node: string; key: string }> = [];
  walkTree(variation, (node: CardNode, parent) => {
    const specs = paramsInSlot(catalog, parent?.component, node.field, node.component);
    for (const key of Object.keys(node.params)) if (!(key in specs) && !verbatim.has(`${node.component}\u0000${key}`)) out.push({ node: node.component, key });
  });
  return out;
}
