import { LIMITS, MotifError, type Structure, type StructureIssue, type StructureNode, type StructureValidation } from '@motif/core-types';
import type { Catalog } from '../catalog/catalog';
import type { ComponentGraph, ParentIndex } from '../graph/component-graph';

export interface StructureValidatorLimits {
  maxDepth: number;
  /** Bound on written nodes and on nodes with counts expanded. */
  maxNodes: number;
  /** Bound on one node's `count`. */
  maxCount: number;
}

const list = (names: readonly string[], max = 8): string =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Working arrays of one depth of the walk (a parent's children are done before its next sibling is visited). */
interface Scratch {
  counts: number[];
  fieldPos: number[];
  labelField: string[];
  labelPos: number[];
}

function zeroed(a: number[], n: number): number[] {
  for (let i = 0; i < n; i++) a[i] = 0;
  return a;
}

/** Mutable walk state; one per `validate` call. */
interface Walk {
  issues: StructureIssue[];
  /**
   * Path of the current node as parallel stacks (field, position, component), turned into text
   * (`Card > sections[0] Section`) only when an issue is reported: valid trees build no strings.
   * A root has field '' and position -1 (or its index in a forest, shown as `roots[i]`).
   */
  segField: string[];
  segPos: number[];
  segComp: string[];
  forest: boolean;
  written: number;
  expanded: number;
  stopped: boolean;
}

/**
 * The one structure validator: parsing, storing and generating variations all go through it.
 * Returns every issue (not just the first), each with a readable path
 * (`Card > sections[0] Section > widgets[2] Button`), a stable code and a message; NEEDS_WRAPPER carries the fix.
 * Children without `field` are assigned to their parent's slots in catalog order (DecoratedText[Icon×2] fills
 * startIcon then endIcon). Depth and size are bounded, so hostile input costs at most O(maxNodes).
 */
export class StructureValidator {
  readonly graph: ComponentGraph;
  private readonly catalog: Catalog;
  private readonly limits: StructureValidatorLimits;
  /** Per-depth working arrays of `visit`, reused by every validation instead of allocated per parent node. */
  private readonly scratch: Scratch[] = [];
  private readonly bounded = new Map<ParentIndex, readonly number[]>();

  constructor(graph: ComponentGraph, limits: Partial<StructureValidatorLimits> = {}) {
    this.graph = graph;
    this.catalog = graph.catalog;
    this.limits = {
      // A catalog may bound depth more tightly (recursive catalogs); never beyond the global limit.
      maxDepth: limits.maxDepth ?? Math.min(graph.catalog.maxDepth ?? LIMITS.structureMaxDepth, LIMITS.structureMaxDepth),
      maxNodes: limits.maxNodes ?? LIMITS.structureMaxNodes,
      maxCount: limits.maxCount ?? LIMITS.nodeCountMax,
    };
  }

  validate(structure: Structure | StructureNode): StructureValidation {
    const roots: unknown = Array.isArray(structure) ? structure : [structure];
    const list_ = roots as unknown[];
    const walk: Walk = { issues: [], segField: [], segPos: [], segComp: [], forest: list_.length > 1, written: 0, expanded: 0, stopped: false };
    if (list_.length === 0) {
      walk.issues.push({ code: 'MISSING_REQUIRED', path: '(root)', message: `a structure needs at least one root component (${list(this.catalog.roots)})` });
    }
    for (let i = 0; i < list_.length && !walk.stopped; i++) {
      const node = list_[i];
      if (!this.isNode(node)) {
        walk.issues.push({ code: 'UNKNOWN_COMPONENT', path: walk.forest ? `roots[${i}]` : '(root)', message: 'a node must be an object with a "component" name' });
        continue;
      }
      this.push(walk, '', i, node.component);
      if (this.catalog.has(node.component) && !this.catalog.isRoot(node.component)) {
        const fix = this.rootFix(node.component);
        walk.issues.push({
          code: 'INVALID_ROOT',
          path: this.pathOf(walk),
          message: `${node.component} cannot be the root of a pattern; roots are ${list(this.catalog.roots)}`,
          ...(fix !== undefined ? { fix } : {}),
        });
      }
      this.visit(node, 1, 1, walk);
      this.pop(walk);
    }
    return { valid: walk.issues.length === 0, issues: walk.issues };
  }

  /** Validates and throws `INVALID_STRUCTURE` (details.issues) when anything is wrong. */
  assertValid(structure: Structure | StructureNode, what = 'structure'): void {
    const result = this.validate(structure);
    if (!result.valid) {
      const first = result.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
      const more = result.issues.length > 3 ? ` (+${result.issues.length - 3} more)` : '';
      throw new MotifError('INVALID_STRUCTURE', `invalid ${what}: ${first}${more}`, { details: { issues: result.issues } });
    }
  }

  private rootFix(component: string): string | undefined {
    const at = this.graph.rootFor(component);
    if (at === null) return undefined;
    return `put ${component} inside ${at.root}${at.via !== undefined ? ` > ${at.via}` : ''}`;
  }

  private isNode(value: unknown): value is StructureNode {
    return typeof value === 'object' && value !== null && typeof (value as StructureNode).component === 'string';
  }

  private push(walk: Walk, field: string, pos: number, component: string): void {
    walk.segField.push(field);
    walk.segPos.push(pos);
    walk.segComp.push(component);
  }

  private pop(walk: Walk): void {
    walk.segField.pop();
    walk.segPos.pop();
    walk.segComp.pop();
  }

  private pathOf(walk: Walk): string {
    const parts: string[] = [];
    for (let i = 0; i < walk.segComp.length; i++) {
      const field = walk.segField[i];
      const comp = walk.segComp[i] === '' ? "''" : walk.segComp[i];
      if (field === '') parts.push(walk.forest ? `roots[${walk.segPos[i]}] ${comp}` : comp);
      else parts.push(`${field}[${walk.segPos[i]}] ${comp}`);
    }
    return parts.join(' > ');
  }

  private countOf(node: StructureNode, walk: Walk): number {
    const c = node.count;
    if (c === undefined) return 1;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 1) {
      walk.issues.push({ code: 'TOO_FEW', path: this.pathOf(walk), message: `count must be a whole number ≥ 1 (got ${String(c)})` });
      return 1;
    }
    if (c > this.limits.maxCount) {
      walk.issues.push({ code: 'TOO_MANY', path: this.pathOf(walk), message: `count ${c} exceeds the limit of ${this.limits.maxCount}` });
    }
    return c;
  }

  private scratchAt(depth: number): Scratch {
    return (this.scratch[depth] ??= { counts: [], fieldPos: [], labelField: [], labelPos: [] });
  }

  // `multiplier`: product of the ancestors' counts (for the expanded-size bound).
  private visit(node: StructureNode, depth: number, multiplier: number, walk: Walk): void {
    const count = this.countOf(node, walk);
    walk.written++;
    walk.expanded += multiplier * count;
    if (walk.written > this.limits.maxNodes || walk.expanded > this.limits.maxNodes) {
      walk.issues.push({
        code: 'TOO_MANY',
        path: this.pathOf(walk),
        message: `structure exceeds ${this.limits.maxNodes} components (counts expanded); validation stopped here`,
      });
      walk.stopped = true;
      return;
    }
    const name = node.component;
    const idx = this.graph.lookup(name);
    if (idx === undefined) {
      walk.issues.push({ code: 'UNKNOWN_COMPONENT', path: this.pathOf(walk), message: `unknown component '${name}' in catalog ${this.catalog.id}` });
      return;
    }
    const children = node.children;
    if (children === undefined || (Array.isArray(children) && children.length === 0)) {
      if (idx.edges.length > 0) this.checkCounts(name, idx, null, walk);
      return;
    }
    if (!Array.isArray(children)) {
      walk.issues.push({ code: 'NOT_ALLOWED_CHILD', path: this.pathOf(walk), message: '"children" must be an array' });
      return;
    }
    if (depth >= this.limits.maxDepth) {
      walk.issues.push({ code: 'TOO_DEEP', path: this.pathOf(walk), message: `structure is deeper than ${this.limits.maxDepth} levels; its children were not checked` });
      return;
    }
    const scratch = this.scratchAt(depth);
    const counts = zeroed(scratch.counts, idx.edges.length);
    const fieldPos = zeroed(scratch.fieldPos, idx.fields.length);
    // Each child's field and position (`widgets[2]`), computed in the first pass (for every child), used when descending.
    const labelField = scratch.labelField;
    const labelPos = scratch.labelPos;
    let unplaced = 0;
    for (let i = 0; i < children.length; i++) {
      const child: unknown = children[i];
      if (!this.isNode(child)) {
        labelField[i] = '';
        walk.issues.push({ code: 'UNKNOWN_COMPONENT', path: `${this.pathOf(walk)} > children[${i}]`, message: 'a node must be an object with a "component" name' });
        continue;
      }
      const c = child.count;
      const n = typeof c === 'number' && Number.isInteger(c) && c >= 1 ? c : 1;
      const placed = this.place(idx, child, n, counts);
      if (placed < 0) {
        // A child needing a wrapper is labelled with the field the wrapper would occupy (`widgets[0] Button`).
        const wrapper = child.field === undefined ? this.graph.requiredWrapper(name, child.component) : null;
        const field = child.field ?? (wrapper !== null ? this.graph.edgeFor(name, wrapper)?.field : undefined);
        const f = field === undefined ? -1 : idx.fields.indexOf(field);
        if (f >= 0) {
          labelField[i] = field as string;
          labelPos[i] = fieldPos[f];
          fieldPos[f] += n;
        } else {
          labelField[i] = field ?? 'children';
          labelPos[i] = unplaced++;
        }
        this.reportMisplaced(name, idx, child, `${labelField[i]}[${labelPos[i]}] ${child.component}`, walk);
      } else {
        const f = idx.fieldIdxOfEdge[placed];
        labelField[i] = idx.fields[f];
        labelPos[i] = fieldPos[f];
        fieldPos[f] += n;
      }
    }
    this.checkCounts(name, idx, counts, walk);
    for (let i = 0; i < children.length && !walk.stopped; i++) {
      const child = children[i];
      if (labelField[i] === '') continue;
      this.push(walk, labelField[i], labelPos[i], child.component);
      this.visit(child, depth + 1, multiplier * count, walk);
      this.pop(walk);
    }
  }

  /**
   * Assigns `n` copies of `child` to slots of `parent`: its explicit field, else the first edges (catalog order)
   * with room, spilling over to the next; surplus stays on the last candidate (reported as TOO_MANY).
   * Returns the index of the first edge used, or -1 when the parent has no slot for it.
   */
  private place(idx: ParentIndex, child: StructureNode, n: number, counts: number[]): number {
    if (child.field !== undefined) {
      const ei = idx.edgeIdxByField.get(child.field)?.get(child.component);
      if (ei === undefined) return -1;
      counts[ei] += n;
      return ei;
    }
    const candidates = idx.edgeIdxByChild.get(child.component);
    if (candidates === undefined) return -1;
    if (candidates.length === 1) {
      counts[candidates[0]] += n;
      return candidates[0];
    }
    let left = n;
    let first = -1;
    for (const ei of candidates) {
      const max = idx.edges[ei].max;
      const room = max === null ? left : Math.max(0, Math.min(left, max - counts[ei] - this.groupUse(idx, ei, counts)));
      if (room > 0) {
        counts[ei] += room;
        left -= room;
        if (first < 0) first = ei;
      }
      if (left === 0) break;
    }
    if (left > 0) {
      const last = candidates[candidates.length - 1];
      counts[last] += left;
      if (first < 0) first = last;
    }
    return first;
  }

  // How much of an exclusive (max 1) group other fields already use, so slot filling respects it.
  private groupUse(idx: ParentIndex, ei: number, counts: number[]): number {
    let used = 0;
    for (const gi of idx.groupsOfEdge[ei]) {
      if (idx.groups[gi].max !== 1) continue;
      for (const k of idx.edgesOfGroup[gi]) if (k !== ei) used += counts[k];
    }
    return used;
  }

  private reportMisplaced(parent: string, idx: ParentIndex, child: StructureNode, label: string, walk: Walk): void {
    const path = `${this.pathOf(walk)} > ${label}`;
    const name = child.component;
    if (!this.catalog.has(name)) return; // reported as UNKNOWN_COMPONENT when descending
    const inOtherField = idx.edgeIdxByChild.get(name);
    if (child.field !== undefined && inOtherField !== undefined) {
      const fields = inOtherField.map((ei) => idx.edges[ei].field);
      walk.issues.push({
        code: 'NOT_ALLOWED_CHILD',
        path,
        message: `${parent}.${child.field} cannot hold ${name}; ${parent} holds ${name} in ${list(fields)}`,
        fix: `move ${name} to ${parent}.${fields[0]}`,
      });
      return;
    }
    const wrapper = this.graph.requiredWrapper(parent, name);
    if (wrapper !== null) {
      walk.issues.push({
        code: 'NEEDS_WRAPPER',
        path,
        message: `${name} cannot sit directly in ${parent}: wrap it in ${wrapper} (${parent}[${wrapper}[${name}]])`,
        fix: `wrap ${name} in ${wrapper}`,
      });
      return;
    }
    const allowed = this.graph.children(parent);
    const holders = this.graph.parents(name);
    walk.issues.push({
      code: 'NOT_ALLOWED_CHILD',
      path,
      message:
        allowed.length === 0
          ? `${parent} cannot contain anything, so not ${name}` + (holders.length > 0 ? ` (${name} goes in ${list(holders)})` : '')
          : `${name} is not allowed in ${parent}, which may contain ${list(allowed)}` + (holders.length > 0 ? `; ${name} goes in ${list(holders)}` : ''),
    });
  }

  /** The edges of a parent that can be out of bounds (a minimum, or a maximum), in catalog order. */
  private boundedEdges(idx: ParentIndex): readonly number[] {
    let out = this.bounded.get(idx);
    if (out === undefined) {
      out = idx.edges.flatMap((e, ei) => (e.min > 0 || e.max !== null ? [ei] : []));
      this.bounded.set(idx, out);
    }
    return out;
  }

  private checkCounts(parent: string, idx: ParentIndex, counts: number[] | null, walk: Walk): void {
    const edges = idx.edges;
    // Only edges with a bound can report anything (a Section's dozen optional widget kinds cannot).
    const bounded = this.boundedEdges(idx);
    for (let k = 0; k < bounded.length; k++) {
      const ei = bounded[k];
      const e = edges[ei];
      const got = counts === null ? 0 : counts[ei];
      if (e.max !== null && got > e.max) {
        walk.issues.push({
          code: 'TOO_MANY',
          path: `${this.pathOf(walk)} > ${e.field}`,
          message: `${parent}.${e.field} holds ${plural(got, e.child)}; at most ${e.max} allowed`,
        });
      } else if (got < e.min) {
        walk.issues.push({
          code: got === 0 ? 'MISSING_REQUIRED' : 'TOO_FEW',
          path: `${this.pathOf(walk)} > ${e.field}`,
          message: `${parent}.${e.field} needs at least ${plural(e.min, e.child)}` + (got === 0 ? '' : ` (has ${got})`),
        });
      }
    }
    for (let gi = 0; gi < idx.groups.length; gi++) {
      const g = idx.groups[gi];
      let total = 0;
      if (counts !== null) for (const ei of idx.edgesOfGroup[gi]) total += counts[ei];
      const over = g.max !== null && total > g.max;
      if (!over && total >= g.min) continue;
      const what = g.description ?? `${g.fields.join('/')} hold between ${g.min} and ${g.max ?? 'any number of'} children`;
      walk.issues.push({
        code: over ? 'TOO_MANY' : total === 0 ? 'MISSING_REQUIRED' : 'TOO_FEW',
        path: `${this.pathOf(walk)} > ${g.fields.join('|')}`,
        message: `${parent} has ${total} children in ${g.fields.join('/')}: ${what}`,
      });
    }
  }
}
