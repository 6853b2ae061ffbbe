import { canonicalizeStructure, DslCodec, type ComponentGraph } from '@motif/dag';
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
  component: string;
  field: string | undefined;
  /** The field is the one the parent and child components imply (so the DSL already says it). */
  fieldImplied: boolean;
  children: StructureNode[] | undefined;
  count: number;
  /** Compact DSL of the node without its multiplier. */
  dsl: string;
  /**
   * Fields the DSL cannot show: for each child (by position) whose field is not implied by the parent and
   * child components (DecoratedText → Icon: startIcon or endIcon), recursively. Usually empty.
   */
  marks: string;
}

const TIMES: string[] = [];
/** The DSL multiplier (`×3`), '' for 1; the strings are made once. */
const times = (n: number): string => (n > 1 ? (TIMES[n] ??= `×${n}`) : '');

/** Identity of a canonical subtree: the DSL says components, order and counts; marks add the implicit fields. */
const shapeOf = (it: Item): string => (it.marks === '' ? it.dsl : `${it.dsl}\u0001${it.marks}`);

export class CanonicalFormatter {
  private readonly tables: StructureTables;
  private readonly symbols = new Map<string, string>();
  private codec: DslCodec | undefined;

  constructor(private readonly graph: ComponentGraphLike) {
    this.tables = new StructureTables(graph);
  }

  of(structure: Structure): CanonicalForm {
    // Slots are part of the shape (first fit, slot order, `endIcon:` labels): dag's canonical form is
    // the one definition, so this delegates to it.
    const graph = this.graph as unknown as ComponentGraph;
    this.codec ??= new DslCodec(graph.catalog, graph);
    const roots = canonicalizeStructure(structure, graph);
    return { structure: roots, dsl: this.codec.format(roots, 'compact'), key: JSON.stringify(roots) };
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
      // A field is implied when the parent holds this child through exactly one field (and then filled in).
      const implied = table !== undefined && table.fieldsOfChild.get(raw.component) === 1 ? table.firstEdgeOfChild.get(raw.component)?.field : undefined;
      if (field === undefined) field = implied;
      const count = typeof raw.count === 'number' && raw.count > 1 ? raw.count : 1;
      let dsl = this.symbol(raw.component);
      let marks = '';
      if (kids.length > 0) {
        dsl += '[';
        for (let i = 0; i < kids.length; i++) {
          const k = kids[i];
          dsl += (i > 0 ? ', ' : '') + k.dsl + times(k.count);
          if (k.marks !== '') marks += `${i}{${k.marks}}`;
          if (!k.fieldImplied && k.field !== undefined) marks += `${i}=${k.field};`;
        }
        dsl += ']';
      }
      const last = out.length > 0 ? out[out.length - 1] : undefined;
      // Cheap fields first: comparing the DSL strings flattens them.
      if (last && last.component === raw.component && last.field === field && last.marks === marks && last.dsl === dsl) {
        last.count += count;
        continue;
      }
      out.push({ component: raw.component, field, fieldImplied: field === implied, children: kids.length > 0 ? kids.map(materialize) : undefined, count, dsl, marks });
    }
    return out;
  }

}

// Key order component, count, field, children — as dag writes it, so JSON of both is byte-identical.
function materialize(it: Item): StructureNode {
  const node: StructureNode = { component: it.component };
  if (it.count > 1) node.count = it.count;
  if (it.field !== undefined) node.field = it.field;
  if (it.children !== undefined) node.children = it.children;
  return node;
}
