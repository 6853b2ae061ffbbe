import type { Structure, StructureNode } from '@motif/core-types';
import type { ComponentGraphLike } from '../dag-ports';
import { StructureTables } from './structure-tables';

export interface CanonicalForm {
  /** Same value as dag's `canonicalizeStructure(structure, graph)` (same key order). */
  structure: Structure;
  /** Same text as dag's `DslCodec.format(structure, 'compact')`. */
  dsl: string;
  /** Identity of the canonical structure (component, field, count, children), for deduplication. */
  key: string;
}

interface Item {
  node: StructureNode;
  count: number;
  shape: string;
  /** Compact DSL of the node without its multiplier. */
  dsl: string;
}

/**
 * dag's canonical form, compact DSL and an identity key computed in ONE walk: the engine needs all three
 * for every variation, and dag's format() re-canonicalizes on its own. Same rules as dag (adjacent identical
 * siblings merge with summed counts; `field` filled when the parent holds the child through exactly one field;
 * count 1 and empty children omitted); a spec checks equality with dag on thousands of random trees.
 */
export class CanonicalFormatter {
  private readonly tables: StructureTables;
  private readonly symbols = new Map<string, string>();

  constructor(private readonly graph: ComponentGraphLike) {
    this.tables = new StructureTables(graph);
  }

  of(structure: Structure): CanonicalForm {
    const items = this.children(structure, undefined);
    let dsl = '';
    let key = '';
    const roots: StructureNode[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      roots[i] = materialize(it);
      dsl += (i > 0 ? ', ' : '') + it.dsl + (it.count > 1 ? `×${it.count}` : '');
      key += (i > 0 ? '\u0004' : '') + it.shape + '\u0003' + it.count;
    }
    return { structure: roots, dsl, key };
  }

  private symbol(name: string): string {
    let s = this.symbols.get(name);
    if (s === undefined) {
      s = this.graph.catalog.symbolOf(name);
      this.symbols.set(name, s);
    }
    return s;
  }

  private children(nodes: readonly StructureNode[], parent: string | undefined): Item[] {
    const out: Item[] = [];
    const table = parent === undefined ? undefined : this.tables.parent(parent);
    for (const raw of nodes) {
      const kids = Array.isArray(raw.children) && raw.children.length > 0 ? this.children(raw.children, raw.component) : [];
      let field = raw.field;
      if (field === undefined && table && table.fieldsOfChild.get(raw.component) === 1) field = table.firstEdgeOfChild.get(raw.component)?.field;
      const count = typeof raw.count === 'number' && raw.count > 1 ? raw.count : 1;
      let shape = `${raw.component}\u0001${field ?? ''}\u0002`;
      let dsl = this.symbol(raw.component);
      if (kids.length > 0) {
        dsl += '[';
        for (let i = 0; i < kids.length; i++) {
          const k = kids[i];
          shape += (i > 0 ? '\u0004' : '') + k.shape + '\u0003' + k.count;
          dsl += (i > 0 ? ', ' : '') + k.dsl + (k.count > 1 ? `×${k.count}` : '');
        }
        dsl += ']';
      }
      const last = out.length > 0 ? out[out.length - 1] : undefined;
      if (last && last.shape === shape) {
        last.count += count;
        continue;
      }
      const node: StructureNode = { component: raw.component };
      if (field !== undefined) node.field = field;
      if (kids.length > 0) node.children = kids.map(materialize);
      out.push({ node, count, shape, dsl });
    }
    return out;
  }
}

// Key order component, count, field, children — as dag writes it, so JSON of both is byte-identical.
function materialize(it: Item): StructureNode {
  const node: StructureNode = { component: it.node.component };
  if (it.count > 1) node.count = it.count;
  if (it.node.field !== undefined) node.field = it.node.field;
  if (it.node.children !== undefined) node.children = it.node.children;
  return node;
}
