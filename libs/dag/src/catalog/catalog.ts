import type { CatalogDocument, ComponentSpec } from './catalog-types';

const lookupKey = (s: string): string => s.replace(/[_\-\s]/g, '').toLowerCase();

// The catalog is a shared singleton: freeze it so no consumer can change a spec under everyone else.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * A loaded, checked catalog. Immutable: every lookup is a precomputed Map.
 * `resolveName` accepts a symbol (`δ`), a name (`DecoratedText`), a dotted module path
 * (`card_framework.v2.widgets.decorated_text.DecoratedText`), snake case (`decorated_text`) or an alias.
 */
export class Catalog {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  readonly description: string | undefined;
  readonly roots: string[];
  readonly maxDepth: number | undefined;
  /** Where it was loaded from (a built-in id or a file path). */
  readonly origin: string;
  /** Symbols assigned at load time because the file had none (empty for the built-in catalog). */
  readonly assignedSymbols: Readonly<Record<string, string>>;
  /** Set by `loadCatalog` when assigned symbols could not be written back to the file. */
  writeBackError: string | undefined = undefined;

  private readonly byName = new Map<string, ComponentSpec>();
  private readonly bySymbol = new Map<string, string>();
  private readonly byKey = new Map<string, string>();
  private readonly rootSet: ReadonlySet<string>;
  private readonly list: ComponentSpec[];
  private readonly document: CatalogDocument;

  /** Use `parseCatalog` / `loadCatalog`: they check the document first. */
  constructor(document: CatalogDocument & { components: ComponentSpec[] }, origin: string, assignedSymbols: Record<string, string> = {}) {
    this.document = deepFreeze(document);
    this.id = document.id;
    this.version = document.version;
    this.name = document.name;
    this.description = document.description;
    this.roots = [...document.roots];
    this.rootSet = new Set(this.roots);
    this.maxDepth = document.maxDepth;
    this.origin = origin;
    this.assignedSymbols = Object.freeze({ ...assignedSymbols });
    this.list = document.components;
    for (const c of this.list) {
      this.byName.set(c.name, c);
      this.bySymbol.set(c.symbol, c.name);
    }
    // Looser keys after exact ones so an exact name always wins.
    for (const c of this.list) {
      this.addKey(c.name, c.name);
      for (const a of c.aliases ?? []) this.addKey(a, c.name);
      if (c.modulePath) {
        this.addKey(c.modulePath, c.name);
        const segments = c.modulePath.split('.');
        if (segments.length >= 2) this.addKey(segments[segments.length - 2], c.name);
      }
    }
  }

  private addKey(raw: string, name: string): void {
    const key = lookupKey(raw);
    if (!this.byKey.has(key)) this.byKey.set(key, name);
  }

  component(name: string): ComponentSpec | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  components(): ComponentSpec[] {
    return [...this.list];
  }

  isRoot(name: string): boolean {
    return this.rootSet.has(name);
  }

  /** The component a DSL symbol stands for (exact symbol only). */
  componentOfSymbol(symbol: string): string | undefined {
    return this.bySymbol.get(symbol);
  }

  /** Every symbol, longest first (the DSL tokenizer tries them in this order). */
  symbols(): string[] {
    return [...this.bySymbol.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  }

  resolveName(input: string): string | undefined {
    if (typeof input !== 'string' || input.length === 0) return undefined;
    const trimmed = input.trim();
    if (this.byName.has(trimmed)) return trimmed;
    const bySymbol = this.bySymbol.get(trimmed);
    if (bySymbol) return bySymbol;
    const direct = this.byKey.get(lookupKey(trimmed));
    if (direct) return direct;
    if (trimmed.includes('.')) {
      // Dotted module path: the class name is the last segment, else the module (snake case) before it.
      const segments = trimmed.split('.').filter((s) => s.length > 0);
      for (let i = segments.length - 1; i >= 0 && i >= segments.length - 2; i--) {
        const hit = this.byName.has(segments[i]) ? segments[i] : this.byKey.get(lookupKey(segments[i]));
        if (hit !== undefined) return hit;
      }
    }
    return undefined;
  }

  symbolOf(name: string): string {
    const spec = this.byName.get(name) ?? this.byName.get(this.resolveName(name) ?? '');
    if (!spec) throw new RangeError(`unknown component '${name}' in catalog ${this.id}`);
    return spec.symbol;
  }

  /** A deep copy of the document (with every symbol), e.g. to write it back or show it. */
  toDocument(): CatalogDocument {
    return structuredClone(this.document);
  }
}
