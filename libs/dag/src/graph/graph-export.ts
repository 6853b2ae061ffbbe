import type { ComponentGraph } from './component-graph';

const range = (min: number, max: number | null): string => (max === null ? `${min}..n` : min === max ? `${min}` : `${min}..${max}`);
const dotId = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The containment graph in Graphviz DOT (for `motif catalog graph`): one node per component labelled with its symbol,
 * roots doubled, one edge per parent → child with its field and multiplicity, wrapper rules dashed.
 */
export function graphToDot(graph: ComponentGraph): string {
  const catalog = graph.catalog;
  const lines = [`digraph ${dotId(catalog.id)} {`, '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
  for (const c of catalog.components()) {
    const shape = catalog.isRoot(c.name) ? ', peripheries=2' : '';
    lines.push(`  ${dotId(c.name)} [label=${dotId(`${c.symbol} ${c.name}`)}${shape}];`);
  }
  for (const e of graph.edges()) lines.push(`  ${dotId(e.parent)} -> ${dotId(e.child)} [label=${dotId(`${e.field} ${range(e.min, e.max)}`)}];`);
  for (const c of catalog.components()) {
    if (c.wrapper !== undefined) lines.push(`  ${dotId(c.name)} -> ${dotId(c.wrapper)} [style=dashed, label="wrap in", constraint=false];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** The containment graph as a Mermaid flowchart (renders in Markdown on GitHub). */
export function graphToMermaid(graph: ComponentGraph): string {
  const catalog = graph.catalog;
  const id = new Map(catalog.components().map((c, i) => [c.name, `c${i}`]));
  const lines = ['flowchart LR'];
  for (const c of catalog.components()) {
    const label = `${c.symbol} ${c.name}`.replace(/"/g, '#quot;');
    lines.push(catalog.isRoot(c.name) ? `  ${id.get(c.name)}(["${label}"])` : `  ${id.get(c.name)}["${label}"]`);
  }
  for (const e of graph.edges()) lines.push(`  ${id.get(e.parent)} -->|"${e.field} ${range(e.min, e.max)}"| ${id.get(e.child)}`);
  return lines.join('\n') + '\n';
}
