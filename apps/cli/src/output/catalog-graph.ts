import type { CatalogDescription } from '@motif/core-types';

export type GraphFormat = 'dot' | 'mermaid' | 'text';
export const GRAPH_FORMATS: readonly GraphFormat[] = ['dot', 'mermaid', 'text'];

export const catalogEdges = (cat: CatalogDescription): Array<[string, string]> =>
  cat.components.flatMap((comp) => comp.children.map((child) => [comp.name, child] as [string, string]));

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const mermaidId = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, '_');

/** The catalog's parent → child graph as Graphviz DOT, Mermaid, or an indented text tree from the roots. */
export function renderCatalogGraph(cat: CatalogDescription, format: GraphFormat): string {
  const edges = catalogEdges(cat);
  if (format === 'dot') {
    return [`digraph ${quote(cat.id)} {`, '  rankdir=LR;', ...cat.roots.map((r) => `  ${quote(r)} [shape=box];`), ...edges.map(([a, b]) => `  ${quote(a)} -> ${quote(b)};`), '}'].join('\n') + '\n';
  }
  if (format === 'mermaid') {
    return ['graph TD', ...edges.map(([a, b]) => `  ${mermaidId(a)}[${a}] --> ${mermaidId(b)}[${b}]`)].join('\n') + '\n';
  }
  const children = new Map(cat.components.map((c) => [c.name, c.children]));
  const lines: string[] = [];
  const expanded = new Set<string>();
  // Each component's children are listed once; later mentions point back instead of repeating (or looping).
  const walk = (name: string, prefix: string, last: boolean, depth: number) => {
    const kids = children.get(name) ?? [];
    const seen = expanded.has(name) && kids.length > 0;
    lines.push(depth === 0 ? name : `${prefix}${last ? '└─ ' : '├─ '}${name}${seen ? ' ↑' : ''}`);
    if (seen) return;
    expanded.add(name);
    const next = depth === 0 ? '' : prefix + (last ? '   ' : '│  ');
    kids.forEach((k, i) => walk(k, next, i === kids.length - 1, depth + 1));
  };
  for (const r of cat.roots) walk(r, '', true, 0);
  if (lines.some((l) => l.endsWith(' ↑'))) lines.push('(↑ = children listed above)');
  return lines.join('\n') + '\n';
}
