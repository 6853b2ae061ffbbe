/**
 * The stored truth of a pattern: a tree in which every node owns its component's own Card v2
 * fields. The compressed `Structure` (with counts), the DSL, `componentPaths`, the flat
 * `instanceParams` and the Card v2 JSON are views computed from it (libs/dag `card/`).
 */
export interface CardNode {
  /** Catalog component name (`DecoratedText`, `Button`…). */
  component: string;
  /** The parent's slot that holds this node (`widgets`, `buttons`, `startIcon`, `primaryButton`…). */
  field?: string;
  /** The component's own fields, nested as Card v2 nests them; fields the catalog does not model are kept verbatim. */
  params: Record<string, unknown>;
  /** Fields of the Widget wrapper beside its one-of key (`horizontalAlignment`, `id`…) or a message's `cardId`. */
  widget?: Record<string, unknown>;
  /** One node per instance: a tree has no counts. */
  children?: CardNode[];
}

export type CardTree = CardNode[];

/** A Google Chat Card v2 object: what goes in `cardsV2[].card`. Typed in detail by libs/dag. */
export type CardV2 = Record<string, unknown>;

/** A ready-to-send Chat message body. */
export interface CardsV2Message {
  cardsV2: Array<{ cardId: string; card: CardV2 }>;
}
