import { LIMITS, MotifError, type Structure, type StructureNode } from '@motif/core-types';
import type { Catalog } from '../catalog/catalog';
import { canonicalizeStructure } from '../structure/canonicalize-structure';
import { ComponentGraph } from '../graph/component-graph';
import { firstFitField, firstFitFieldPeek, markField } from '../structure/slot-assignment';

export interface DslError {
  /** Offset (in UTF-16 code units) where parsing stopped. */
  offset: number;
  /** What the parser expected there, e.g. `',' or ']'`. */
  expected: string;
  message: string;
}

export type DslParseResult = { ok: true; structure: Structure } | { ok: false; error: DslError };

export type DslStyle = 'compact' | 'expanded';

export interface DslLimits {
  maxChars: number;
  maxDepth: number;
  maxNodes: number;
  maxCount: number;
}

const MULTIPLY = 0xd7; // ×
const STAR = 0x2a;
const X = 0x78;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isIdentStart = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c) || c === 0x2e;

class DslFailure {
  constructor(readonly error: DslError) {}
}

interface Frame {
  node: StructureNode;
  /** The node's multiplier was written before its brackets (`δ×2[ɨ]`). */
  hasCount: boolean;
  children: StructureNode[];
  openOffset: number;
}

/**
 * The DSL: `node := (slot ':')? head multiplier? ('[' node (',' node)* ']')? multiplier?`, `head := symbol | ComponentName`,
 * `slot := fieldName` (only where the child is not in the slot first fit gives it: `δ[endIcon:ɨ]`),
 * `multiplier := ('×'|'*'|'x') N`; several roots separated by commas. The multiplier may follow the head or
 * the closing bracket (`δ[ɨ]×2`), not both. The parser is strict and iterative (no recursion): every error has
 * an offset and what was expected. It resolves names and symbols but does not check containment (the
 * validator does); unknown symbols or names are syntax errors.
 */
export class DslCodec {
  readonly catalog: Catalog;
  readonly graph: ComponentGraph;
  private readonly limits: DslLimits;
  /** First UTF-16 unit → symbols starting with it, longest first. */
  private readonly symbolsByFirst = new Map<number, Array<{ symbol: string; name: string }>>();
  private readonly nameCache = new Map<string, string | null>();
  private readonly usedByDepth: number[][] = [];

  constructor(catalog: Catalog, graph?: ComponentGraph, limits: Partial<DslLimits> = {}) {
    this.catalog = catalog;
    this.graph = graph ?? new ComponentGraph(catalog);
    this.limits = {
      maxChars: limits.maxChars ?? LIMITS.dslMaxChars,
      maxDepth: limits.maxDepth ?? LIMITS.structureMaxDepth,
      maxNodes: limits.maxNodes ?? LIMITS.structureMaxNodes,
      maxCount: limits.maxCount ?? LIMITS.nodeCountMax,
    };
    for (const symbol of catalog.symbols()) {
      const first = symbol.charCodeAt(0);
      const list = this.symbolsByFirst.get(first) ?? [];
      list.push({ symbol, name: catalog.componentOfSymbol(symbol) as string });
      this.symbolsByFirst.set(first, list);
    }
  }

  /** Parses or throws `MotifError('DSL_SYNTAX')` with details `{ offset, expected }`. */
  parse(text: string): Structure {
    const result = this.tryParse(text);
    if (result.ok) return result.structure;
    const { offset, expected, message } = result.error;
    throw new MotifError('DSL_SYNTAX', message, { details: { offset, expected } });
  }

  /** Never throws: a structure, or a positioned error. */
  tryParse(text: string): DslParseResult {
    if (typeof text !== 'string') return { ok: false, error: { offset: 0, expected: 'a DSL string', message: 'DSL input must be a string' } };
    if (text.length > this.limits.maxChars) {
      return { ok: false, error: { offset: this.limits.maxChars, expected: 'end of input', message: `DSL is longer than ${this.limits.maxChars} characters` } };
    }
    try {
      const structure = this.run(text);
      this.fillSlots(structure);
      return { ok: true, structure };
    } catch (e) {
      if (e instanceof DslFailure) return { ok: false, error: e.error };
      throw e;
    }
  }

  private fail(offset: number, expected: string, what: string): never {
    throw new DslFailure({ offset, expected, message: `${what} at offset ${offset}: expected ${expected}` });
  }

  private describe(text: string, pos: number): string {
    if (pos >= text.length) return 'end of input';
    const cp = text.codePointAt(pos) as number;
    return `'${String.fromCodePoint(cp)}'`;
  }

  private run(text: string): Structure {
    const roots: StructureNode[] = [];
    const frames: Frame[] = [];
    const len = text.length;
    let pos = 0;
    let nodes = 0;
    const skip = (): void => {
      while (pos < len && isSpace(text.charCodeAt(pos))) pos++;
    };
    for (;;) {
      // Expect a node.
      skip();
      const parent = frames.length > 0 ? frames[frames.length - 1] : undefined;
      const slot = this.readSlot(text, pos);
      if (slot !== null) {
        if (!parent) this.fail(pos, 'a component symbol or name', `a root has no slot ('${slot.field}:')`);
        pos = slot.end;
        skip();
      }
      const headStart = pos;
      const head = this.readHead(text, pos, headStart);
      pos = head.end;
      if (++nodes > this.limits.maxNodes) this.fail(headStart, 'fewer components', `more than ${this.limits.maxNodes} components`);
      const node: StructureNode = { component: head.name };
      if (parent) {
        const edges = this.graph.parentIndex(parent.node.component).byChild.get(head.name);
        if (slot !== null) {
          if (!edges?.some((e) => e.field === slot.field)) {
            const fields = edges?.map((e) => e.field) ?? [];
            this.fail(slot.start, fields.length > 0 ? fields.map((f) => `'${f}'`).join(' or ') : 'no slot', `${parent.node.component} has no slot '${slot.field}' for ${head.name}`);
          }
          node.field = slot.field;
        } else if (edges !== undefined && edges.length === 1) node.field = edges[0].field;
        parent.children.push(node);
      } else {
        roots.push(node);
      }
      let hasCount = false;
      if (head.count !== undefined) {
        if (head.count > 1) node.count = head.count;
        hasCount = true;
      }
      skip();
      if (!hasCount) {
        const m = this.readMultiplier(text, pos);
        if (m !== null) {
          pos = m.end;
          if (m.count > 1) node.count = m.count;
          hasCount = true;
          skip();
        }
      }
      if (pos < len && text.charCodeAt(pos) === OPEN) {
        if (frames.length + 1 >= this.limits.maxDepth) this.fail(pos, 'no deeper nesting', `nesting deeper than ${this.limits.maxDepth} levels`);
        const children: StructureNode[] = [];
        node.children = children;
        frames.push({ node, hasCount, children, openOffset: pos });
        pos++;
        continue;
      }
      // After a node: optional multiplier (after brackets), then ',' / ']' / end.
      let doneNode: { node: StructureNode; hasCount: boolean } | null = { node, hasCount };
      for (;;) {
        skip();
        if (doneNode !== null) {
          const m = this.readMultiplier(text, pos);
          if (m !== null) {
            if (doneNode.hasCount) this.fail(pos, "',' or ']' or end of input", 'a second multiplier for the same component');
            pos = m.end;
            if (m.count > 1) doneNode.node.count = m.count;
            skip();
          }
          doneNode = null;
        }
        if (pos >= len) {
          if (frames.length > 0) {
            const open = frames[frames.length - 1];
            this.fail(pos, "']'", `unclosed '[' opened at offset ${open.openOffset}`);
          }
          return roots;
        }
        const c = text.charCodeAt(pos);
        if (c === COMMA) {
          pos++;
          break;
        }
        if (c === CLOSE) {
          const frame = frames.pop();
          if (frame === undefined) this.fail(pos, "',' or end of input", "unbalanced ']'");
          if (frame.children.length === 0) this.fail(pos, 'a component', "empty brackets '[]'");
          pos++;
          doneNode = { node: frame.node, hasCount: frame.hasCount };
          continue;
        }
        this.fail(pos, frames.length > 0 ? "',' or ']'" : "',' or end of input", `unexpected ${this.describe(text, pos)}`);
      }
    }
  }

  /** Unlabelled children take the slot first fit gives them, as the validator places them (iterative: no recursion). */
  private fillSlots(roots: StructureNode[]): void {
    const stack = [...roots];
    while (stack.length > 0) {
      const node = stack.pop() as StructureNode;
      const children = node.children;
      if (!children?.length) continue;
      const idx = this.graph.lookup(node.component);
      if (idx !== undefined) {
        const used = new Array<number>(idx.edges.length).fill(0);
        for (const c of children) if (c.field !== undefined) markField(idx, c.component, c.field, c.count ?? 1, used);
        for (const c of children) {
          if (c.field !== undefined) continue;
          const field = firstFitField(idx, c.component, c.count ?? 1, used);
          if (field !== undefined) c.field = field;
        }
      }
      stack.push(...children);
    }
  }

  /** `endIcon:` before a head: a field name and a colon (names never contain one). */
  private readSlot(text: string, pos: number): { field: string; start: number; end: number } | null {
    if (pos >= text.length || !isIdentStart(text.charCodeAt(pos))) return null;
    let end = pos + 1;
    while (end < text.length && isIdentPart(text.charCodeAt(end))) end++;
    if (end >= text.length || text.charCodeAt(end) !== COLON) return null;
    return { field: text.slice(pos, end), start: pos, end: end + 1 };
  }

  private resolveIdentifier(id: string): string | null {
    let hit = this.nameCache.get(id);
    if (hit === undefined) {
      hit = this.catalog.resolveName(id) ?? null;
      if (this.nameCache.size < 10_000) this.nameCache.set(id, hit);
    }
    return hit;
  }

  private readHead(text: string, pos: number, start: number): { name: string; end: number; count?: number } {
    if (pos >= text.length) this.fail(pos, 'a component symbol or name', 'missing component');
    const c = text.charCodeAt(pos);
    if (isIdentStart(c)) {
      let end = pos + 1;
      while (end < text.length && isIdentPart(text.charCodeAt(end))) end++;
      const id = text.slice(pos, end);
      const name = this.resolveIdentifier(id);
      if (name !== null) return { name, end };
      // `Buttonx2`: the identifier swallowed an `x` multiplier.
      const m = /^(.+?)x([0-9]+)$/.exec(id);
      if (m) {
        const prefix = this.resolveIdentifier(m[1]);
        if (prefix !== null) return { name: prefix, end, count: this.checkCount(m[2], pos + m[1].length + 1) };
      }
      this.fail(start, 'a component symbol or name', `unknown component '${id}'`);
    }
    const candidates = this.symbolsByFirst.get(c);
    if (candidates !== undefined) {
      for (const { symbol, name } of candidates) if (text.startsWith(symbol, pos)) return { name, end: pos + symbol.length };
    }
    if (c === CLOSE || c === COMMA || c === OPEN) this.fail(pos, 'a component symbol or name', `unexpected ${this.describe(text, pos)}`);
    this.fail(pos, 'a component symbol or name', `unknown symbol ${this.describe(text, pos)}`);
  }

  private checkCount(digits: string, offset: number): number {
    if (digits.length === 0) this.fail(offset, 'a count (1, 2, …)', 'multiplier without a count');
    if (digits.charCodeAt(0) === 0x30) this.fail(offset, `a count between 1 and ${this.limits.maxCount}`, `bad multiplier '${digits}'`);
    const n = digits.length > 7 ? Number.POSITIVE_INFINITY : Number(digits);
    if (n > this.limits.maxCount) this.fail(offset, `a count between 1 and ${this.limits.maxCount}`, `multiplier ${digits} is too large`);
    return n;
  }

  /** `×N`, `*N` or `xN` at `pos` (after optional spaces), or null when no multiplier starts there. */
  private readMultiplier(text: string, pos: number): { count: number; end: number } | null {
    if (pos >= text.length) return null;
    const c = text.charCodeAt(pos);
    if (c !== MULTIPLY && c !== STAR && c !== X) return null;
    let p = pos + 1;
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    const digitsStart = p;
    while (p < text.length && isDigit(text.charCodeAt(p))) p++;
    if (p === digitsStart) {
      if (c === X) return null; // a lone `x` is not a multiplier: let the caller report it
      this.fail(digitsStart, 'a count (1, 2, …)', `multiplier '${String.fromCharCode(c)}' without a count`);
    }
    if (p < text.length && isIdentPart(text.charCodeAt(p))) this.fail(p, "',' or ']' or '['", `unexpected ${this.describe(text, p)} after multiplier`);
    return { count: this.checkCount(text.slice(digitsStart, p), digitsStart), end: p };
  }

  /**
   * Prints the canonical form (see `canonicalizeStructure`): `compact` with symbols and no spaces inside
   * heads (`§[δ×3, Ƀ[ᵬ×2]]`), `expanded` with names (`Section[DecoratedText×3, ButtonList[Button×2]]`).
   * The multiplier follows the node's brackets (`δ[ɨ]×2`): it repeats the node with its subtree.
   */
  format(structure: Structure | StructureNode, style: DslStyle = 'compact'): string {
    return this.formatCanonical(canonicalizeStructure(Array.isArray(structure) ? structure : [structure], this.graph), style);
  }

  /**
   * `format` of a structure that is already canonical (what `canonicalizeStructure` returns, e.g.
   * `structureOfTree`): the same text without canonicalising a second time.
   */
  formatCanonical(roots: Structure, style: DslStyle = 'compact'): string {
    const compact = style === 'compact';
    let out = '';
    for (let i = 0; i < roots.length; i++) out += (i > 0 ? ', ' : '') + this.emitCanonical(roots[i], compact, 0);
    return out;
  }

  /** Per-depth slot counters, zeroed for `n` edges: reused instead of allocated for every parent formatted. */
  private usedAt(depth: number, n: number): number[] {
    const used = (this.usedByDepth[depth] ??= []);
    for (let i = 0; i < n; i++) used[i] = 0;
    return used;
  }

  // One node of `formatCanonical`, a plain recursive method: this runs for every candidate variation.
  private emitCanonical(node: StructureNode, compact: boolean, depth: number): string {
    const spec = this.catalog.component(node.component);
    if (!spec) throw new MotifError('INVALID_STRUCTURE', `unknown component '${node.component}' in catalog ${this.catalog.id}`);
    let out = compact ? spec.symbol : spec.name;
    const children = node.children;
    if (children && children.length > 0) {
      out += '[';
      const idx = this.graph.parentIndex(node.component);
      // Slots the labelled siblings so far take (isDefaultSlot, counted once per parent instead of per child).
      const used = this.usedAt(depth, idx.edges.length);
      for (let i = 0; i < children.length; i++) {
        const child = children[i];
        if (i > 0) out += ', ';
        // Name the slot only where first fit would put the child elsewhere: parse(format(s)) = s.
        if (child.field !== undefined) {
          const n = child.count ?? 1;
          if (firstFitFieldPeek(idx, child.component, n, used) !== child.field) out += `${child.field}:`;
          markField(idx, child.component, child.field, n, used);
        }
        out += this.emitCanonical(child, compact, depth + 1);
      }
      out += ']';
    }
    if (node.count !== undefined && node.count > 1) out += `×${node.count}`;
    return out;
  }
}
