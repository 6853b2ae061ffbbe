import type { CardNode, CardTree, RejectionReason, Structure } from '@motif/core-types';
import { BoundedCache } from '../tree/bounded-cache';
import { CARD_LIMITS, type Catalog, type ComponentGraph, canonicalizeStructure, checkTreeParams, type DslCodec, renderTreeSized, type SizedMessage, structureOfTree, type StructureValidator, walkTree } from '@motif/dag';

/**
 * What the original already has: its param issues (seed-format patterns may lack required fields), code +
 * message with counts, and the place of each of its nodes, so that a variation's unchanged subtrees
 * (shared with the original, in the same parent and slot) are not checked again.
 */
export interface IssueBaseline {
  issues: ReadonlyMap<string, number>;
  places: ReadonlyMap<CardNode, string>;
}

const placeOf = (node: CardNode, parent: CardNode | undefined): string => `${parent?.component ?? ''}\u0000${node.field ?? ''}`;

export type CheckResult = { ok: true; structure: Structure; dsl: string } | { ok: false; reason: Exclude<RejectionReason, 'unfillable'> };

/**
 * The validity filter every candidate passes before it joins a family: its structure is valid, its DSL
 * parses back to the same structure, its params pass the catalog's check (no issue the original does not
 * have: nothing missing, mistyped, out of Card v2's enums or unknown to its component), it renders
 * through the card renderer (styled text included), and the rendered card is within Google's limits
 * (100 widgets, 32 KB).
 */
export class VariationCheck {
  /** Structure verdicts by structure JSON: a family checks the same few structures many times. */
  private readonly structures = new BoundedCache<string, string | { reason: 'invalid-structure' | 'dsl-round-trip' }>(4096);

  constructor(
    private readonly catalog: Catalog,
    private readonly graph: ComponentGraph,
    private readonly validator: StructureValidator,
    private readonly codec: DslCodec,
  ) {}

  baseline(tree: CardTree): IssueBaseline {
    const issues = new Map<string, number>();
    for (const key of this.issueKeys(tree)) issues.set(key, (issues.get(key) ?? 0) + 1);
    const places = new Map<CardNode, string>();
    walkTree(tree, (node, parent) => void places.set(node, placeOf(node, parent)));
    return { issues, places };
  }

  /**
   * `isDuplicate(dsl)` is asked once the DSL is known, before the param check and rendering: a duplicate is a
   * tree equal to one already accepted (or the original), so its verdict is known, and over half of a family's
   * candidates are duplicates.
   */
  check(tree: CardTree, baseline: IssueBaseline, isDuplicate?: (dsl: string) => boolean): CheckResult {
    const structure = structureOfTree(tree, this.graph);
    const json = JSON.stringify(structure);
    const verdict = this.structures.get(json, () => this.structureVerdict(structure, json));
    if (typeof verdict !== 'string') return { ok: false, reason: verdict.reason };
    const dsl = verdict;
    if (isDuplicate?.(dsl)) return { ok: false, reason: 'duplicate' };
    // Most candidates have no issue at all: the baseline is copied only to count one down.
    let left: Map<string, number> | undefined;
    for (const key of this.issueKeys(tree, baseline.places)) {
      left ??= new Map(baseline.issues);
      const n = left.get(key) ?? 0;
      if (n === 0) return { ok: false, reason: 'invalid-params' };
      left.set(key, n - 1);
    }
    let rendered: SizedMessage;
    try {
      rendered = renderTreeSized(tree, 'check', this.catalog);
    } catch {
      return { ok: false, reason: 'render-failed' };
    }
    // Google's limits, on the card as it would be sent (styled text rendered). A card is serialised only when the
    // renderer's bound on its size does not already show it is within them (almost every card is far below 32 KB).
    const { message, cardBytesAtMost } = rendered;
    for (let i = 0; i < message.cardsV2.length; i++) {
      const atMost = cardBytesAtMost[i];
      if (atMost !== undefined && atMost <= CARD_LIMITS.bytes) continue;
      if (Buffer.byteLength(JSON.stringify(message.cardsV2[i].card), 'utf8') > CARD_LIMITS.bytes) return { ok: false, reason: 'over-card-limits' };
    }
    if (overWidgetLimit(tree)) return { ok: false, reason: 'over-card-limits' };
    return { ok: true, structure, dsl };
  }

  /** A structure's DSL when it is valid and its DSL parses back to it; else why not. Pure: memoised by structure. */
  private structureVerdict(structure: Structure, json: string): string | { reason: 'invalid-structure' | 'dsl-round-trip' } {
    if (!this.validator.validate(structure).valid) return { reason: 'invalid-structure' };
    const dsl = this.codec.formatCanonical(structure, 'compact'); // structureOfTree is canonical
    const parsed = this.codec.tryParse(dsl);
    if (!parsed.ok || JSON.stringify(canonicalizeStructure(parsed.structure, this.graph)) !== json) return { reason: 'dsl-round-trip' };
    return dsl;
  }

  private issueKeys(tree: CardTree, known?: ReadonlyMap<CardNode, string>): string[] {
    const skip = known ? (node: CardNode, parent: CardNode | undefined): boolean => known.get(node) === placeOf(node, parent) : undefined;
    return checkTreeParams(tree, this.catalog, { unknownKeys: 'error', limits: false, skip }).map((i) => `${i.code}\u0000${i.message}`);
  }
}

/** Whether a card of the tree (a Message root holds several) has more widgets than Google allows, counted as Google counts them. */
function overWidgetLimit(tree: CardTree): boolean {
  for (const root of tree) {
    if (root.component !== 'Message') {
      if (widgetsUnder(root) > CARD_LIMITS.widgets) return true;
      continue;
    }
    for (const card of root.children ?? []) if (widgetsUnder(card) > CARD_LIMITS.widgets) return true;
  }
  return false;
}

/** Nodes held in a `widgets` field anywhere under `node` (plain loops: this runs for every candidate). */
function widgetsUnder(node: CardNode): number {
  const children = node.children;
  if (!children) return 0;
  let n = 0;
  for (let i = 0; i < children.length; i++) n += (children[i].field === 'widgets' ? 1 : 0) + widgetsUnder(children[i]);
  return n;
}
