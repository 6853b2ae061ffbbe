import type { CardNode, CardTree, RandomSource } from '@motif/core-types';
import { type Catalog, checkTreeParams, type ComponentGraph, paramsInSlot, type ParamSpec, randomValidStructure, renderTree, treeOfStructure, walkTree } from '@motif/dag';
import { messageProblems } from './card-v2-rules';

/**
 * A random card that Card v2 accepts, for benchmarks and property specs: a random valid Card structure,
 * every node given its required fields (and, at random, some optional text and presentation fields) with
 * synthetic content (`DecoratedText 3`, `https://example.com/button/4`, unique input names). Kept only when
 * it passes both the catalog's param check and the independent Card v2 validator; null otherwise.
 */
export function randomValidCard(graph: ComponentGraph, rng: RandomSource, maxNodes = 15): CardTree | null {
  const catalog = graph.catalog as Catalog;
  const structure = randomValidStructure(graph, () => rng.float(), { root: 'Card', maxNodes });
  const tree = treeOfStructure(structure);
  let n = 0;
  walkTree(tree, (node, parent) => {
    n++;
    const specs = paramsInSlot(catalog, parent?.component, node.field, node.component);
    const spec = catalog.component(node.component);
    for (const [key, p] of Object.entries(specs)) {
      const optional = !p.required && (p.presentation || key === 'topLabel' || key === 'altText' || key === 'label') && rng.int(0, 2) === 0;
      if (p.required || optional) {
        const value = valueFor(node, key, p, n, rng);
        if (value !== undefined) node.params[key] = value;
      }
    }
    for (const group of spec?.requireOneOf ?? []) {
      if (group.some((f) => node.params[f] !== undefined || (node.children ?? []).some((c: CardNode) => c.field === f))) continue;
      const key = group.find((f) => specs[f] !== undefined);
      if (key) node.params[key] = valueFor(node, key, specs[key], n, rng);
    }
  });
  if (checkTreeParams(tree, catalog, { unknownKeys: 'error' }).length > 0) return null;
  return messageProblems(renderTree(tree, 'random', catalog)).length === 0 ? tree : null;
}

function valueFor(node: CardNode, key: string, p: ParamSpec, n: number, rng: RandomSource): unknown {
  const slug = node.component.toLowerCase();
  switch (p.type) {
    case 'string':
      return key === 'name' ? `${slug}-${n}` : `${node.component} ${key} ${n}`;
    case 'url':
      return `https://example.com/${slug}/${n}.png`;
    case 'enum': {
      const values = (p.values ?? []).filter((v) => !v.endsWith('_UNSPECIFIED'));
      return values.length ? rng.pick(values) : undefined;
    }
    case 'boolean':
      return rng.int(0, 1) === 1;
    case 'integer':
      return p.min ?? 1;
    case 'object':
      if (key === 'onClick') return rng.int(0, 1) === 0 ? { openLink: { url: `https://example.com/${slug}/${n}` } } : { action: { function: `open_${slug}`, parameters: [{ key: 'id', value: String(n) }] } };
      if (key === 'color') return { red: 0.1, green: 0.4, blue: 0.85 };
      return undefined;
    default:
      return undefined;
  }
}
