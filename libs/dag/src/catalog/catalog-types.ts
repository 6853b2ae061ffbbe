/**
 * The catalog file format (see libs/dag/README.md). A catalog says which components exist,
 * what each may contain (child edges, grouped limits), which parameters each takes, and where
 * a pattern may start (roots).
 */

export type ParamType = 'string' | 'url' | 'color' | 'integer' | 'number' | 'boolean' | 'enum' | 'array' | 'object';

export interface ParamSpec {
  type: ParamType;
  description?: string;
  required?: boolean;
  /** Bounds: numeric value for integer/number, length for string/url. */
  min?: number;
  max?: number;
  /** Allowed values of an `enum`. */
  values?: string[];
  /** Element spec of an `array`. */
  items?: ParamSpec;
  /** Property specs of an `object`. */
  properties?: Record<string, ParamSpec>;
  minItems?: number;
  maxItems?: number;
  /** An `object` whose keys must include exactly one of these (Card v2 one-ofs: `onClick` is an action, a link, a menu…). */
  oneOf?: string[];
  /**
   * Presentation, not content: a parameter variation may change it (to a catalog enum value or a value
   * taken from the pattern itself). Fields without it are content and are never invented or altered.
   */
  presentation?: boolean;
}

/** `parent.field` may hold between `min` and `max` (null = unbounded) children of component `child`. */
export interface ChildEdge {
  field: string;
  child: string;
  min: number;
  max: number | null;
  /** Params the child takes in this slot instead of its own (GridItem `image` is an ImageComponent: `imageUri`). */
  childParams?: Record<string, ParamSpec>;
}

/**
 * A limit shared by several fields of one parent: the total number of children held in `fields`
 * must lie in [min, max]. Models "at most 100 widgets" (one field, shared by every widget kind)
 * and "one of" choices (DecoratedText `button` XOR `switchControl`; NestedWidget exactly one of).
 */
export interface EdgeGroup {
  fields: string[];
  min: number;
  max: number | null;
  description?: string;
}

export interface ComponentSpec {
  name: string;
  /** DSL symbol; frozen once assigned (stored DSL strings depend on it). */
  symbol: string;
  description?: string;
  /** Dotted module path users send (e.g. `card_framework.v2.widgets.decorated_text.DecoratedText`). */
  modulePath?: string;
  /** Other names accepted by `resolveName`. */
  aliases?: string[];
  params: Record<string, ParamSpec>;
  edges: ChildEdge[];
  groups?: EdgeGroup[];
  /** Component it must be wrapped in where it cannot stand alone (Button → ButtonList). */
  wrapper?: string;
  /** Flat instanceParams key whose array length follows this component's count (Button ↔ `buttons`). */
  listParam?: string;
  /** How the component appears in Card v2 JSON (absent: the catalog has no card mapping for it). */
  card?: CardMapping;
  /** At least one field of each group must be present (params or slots): a Button needs `text` or `icon`. */
  requireOneOf?: string[][];
}

/** Where a component sits in Card v2 JSON. */
export interface CardMapping {
  /** One-of key inside a wrapper (`decoratedText` in `{"decoratedText": {…}}`), for components held by wrapped fields. */
  key?: string;
  /** Its own fields whose elements are wrappers (`Section.widgets`: `[{"decoratedText": {…}, "horizontalAlignment": …}]`). */
  wrapped?: string[];
  /** Wrapper fields allowed beside the one-of key (`horizontalAlignment`, `id`…). */
  wrapperFields?: string[];
}

/** A component as written in a catalog file: the symbol may be missing (then it is assigned). */
export type CatalogComponentDocument = Omit<ComponentSpec, 'symbol' | 'params' | 'edges'> & {
  symbol?: string;
  params?: Record<string, ParamSpec>;
  edges?: ChildEdge[];
};

export interface CatalogDocument {
  $schema?: string;
  /** Stable id, e.g. `google-chat-cards-v2`. */
  id: string;
  version: string;
  name: string;
  description?: string;
  /** Components a pattern may start from. */
  roots: string[];
  /** Depth bound for generation in recursive catalogs (default: LIMITS.structureMaxDepth). */
  maxDepth?: number;
  components: CatalogComponentDocument[];
}
