import { canonicalizeStructure, DslCodec, type ComponentGraph } from '@motif/dag';
import type { Structure } from '@motif/core-types';
import type { ComponentGraphLike } from '../dag-ports';

export interface CanonicalForm {
  /** Same value as dag's `canonicalizeStructure(structure, graph)` (same key order). */
  structure: Structure;
  /** Same text as dag's `DslCodec.format(structure, 'compact')`. */
  dsl: string;
  /** Identity of the canonical structure (component, field, count, children), for deduplication: its DSL. */
  key: string;
}

export class CanonicalFormatter {
  private codec: DslCodec | undefined;

  constructor(private readonly graph: ComponentGraphLike) {}

  of(structure: Structure): CanonicalForm {
    // Slots are part of the shape (first fit, slot order, `endIcon:` labels): dag's canonical form is
    // the one definition, so this delegates to it.
    const graph = this.graph as unknown as ComponentGraph;
    this.codec ??= new DslCodec(graph.catalog, graph);
    const roots = canonicalizeStructure(structure, graph);
    const dsl = this.codec.formatCanonical(roots, 'compact');
    // The DSL says what the canonical structure says (it names a field only where first fit would not give it, and
    // parse(format(s)) = s is a tested property), so it is the structure's identity: no second serialisation.
    return { structure: roots, dsl, key: dsl };
  }
}
