/**
 * A component tree. `count` repeats the node *with its subtree* (DSL `×N`);
 * `field` names the parent's slot that holds it (e.g. `widgets`), when known.
 */
export interface StructureNode {
  component: string;
  count?: number;
  field?: string;
  children?: StructureNode[];
}

/** A pattern's structure is a forest: the DSL allows several roots separated by commas. */
export type Structure = StructureNode[];
