import { LIMITS, MotifError, type Structure, type StructureNode } from '@motif/core-types';
import type { ComponentGraph } from '../graph/component-graph';

interface Keyed {
  node: StructureNode;
  count: number;
  /** Identity of the subtree without the node's own count. */
  shape: string;
}

// Key order component, count, field, children: stable JSON for hashing and storage.
function materialize(k: Keyed): StructureNode {
  const node: StructureNode = { component: k.node.component };
  if (k.count > 1) node.count = k.count;
  if (k.node.field !== undefined) node.field = k.node.field;
  if (k.node.children !== undefined) node.children = k.node.children;
  return node;
}

function canonicalChildren(nodes: readonly StructureNode[], parent: string | undefined, graph: ComponentGraph | undefined, depth: number): Keyed[] {
  if (depth > LIMITS.structureMaxDepth) {
    throw new MotifError('INVALID_STRUCTURE', `structure is deeper than ${LIMITS.structureMaxDepth} levels`);
  }
  const out: Keyed[] = [];
  for (const raw of nodes) {
    const children = canonicalChildren(Array.isArray(raw.children) ? raw.children : [], raw.component, graph, depth + 1);
    let field = raw.field;
    if (field === undefined && graph && parent !== undefined) {
      const edges = graph.parentIndex(parent).byChild.get(raw.component);
      if (edges && edges.length === 1) field = edges[0].field;
    }
    const count = typeof raw.count === 'number' && raw.count > 1 ? raw.count : 1;
    const shape = `${raw.component}\u0001${field ?? ''}\u0002${children.map((c) => `${c.shape}\u0003${c.count}`).join('\u0004')}`;
    const last = out[out.length - 1];
    if (last && last.shape === shape) {
      last.count += count;
      continue;
    }
    const node: StructureNode = { component: raw.component };
    if (field !== undefined) node.field = field;
    if (children.length > 0) node.children = children.map(materialize);
    out.push({ node, count, shape });
  }
  return out;
}

/**
 * The canonical form of a structure (a new value; the input is untouched):
 * - adjacent sibling subtrees that are identical (component, field, children) are merged into one with
 *   the summed `count`; `count` 1 and empty `children` are omitted;
 * - with a graph, `field` is filled when the parent holds that child through exactly one field
 *   (Section → DecoratedText: `widgets`), and left as given otherwise (DecoratedText → Icon may be
 *   `startIcon` or `endIcon`).
 * Idempotent; key order is component, count, field, children. `DslCodec.format` prints this form.
 */
export function canonicalizeStructure(structure: Structure, graph?: ComponentGraph): Structure {
  return canonicalChildren(structure, undefined, graph, 1).map(materialize);
}
