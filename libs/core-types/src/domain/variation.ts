import type { InstancePattern } from './pattern';
import type { CardTree } from './card';
import type { Structure } from './structure';

export type VariationType = 'original' | 'structure' | 'parameter' | 'combined';

export interface PatternVariation {
  /** `<parentId>:v<index>`; v0 is the original. */
  variationId: string;
  variationType: VariationType;
  index: number;
  /** The variation's own tree: params travel with their nodes. */
  tree: CardTree;
  structure: Structure;
  componentPaths: string[];
  instanceParams: Record<string, unknown>;
  parentId: string;
  dslNotation: string;
  cacheKey: string;
  /** Human-readable list of what changed, e.g. `swap-sibling DecoratedText→TextParagraph at Section > widgets[0]`. */
  operations: string[];
}

export interface DiversityReport {
  distinctStructures: number;
  /** Share (0..1) of the catalog's parent→child edges that the family's structures touch. */
  edgeCoverage: number;
  /** Mean pairwise structural distance between the family's structures (0 = all equal). */
  meanPairwiseDistance: number;
}

export interface VariationOptions {
  structure: number;
  parameter: number;
  seed?: string | number;
  /** Generate even when the pattern has negative feedback. */
  force?: boolean;
}

/**
 * Why a candidate did not join its family: `unfillable` (an add/swap/expand whose required fields the
 * pattern's own content cannot fill: not offered), `invalid-structure`, `dsl-round-trip` (its DSL would
 * not parse back to its structure), `invalid-params` (a param issue the original does not have),
 * `render-failed` (the card renderer refused it), `over-card-limits` (over Google's 100 widgets or 32 KB
 * per card), `duplicate` (same DSL and params as a variation already in the family).
 */
export const REJECTION_REASONS = ['unfillable', 'invalid-structure', 'dsl-round-trip', 'invalid-params', 'render-failed', 'over-card-limits', 'duplicate'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Candidates the engine proposed and did not keep, by reason (every reason present, 0 when none). */
export interface RejectionReport {
  total: number;
  reasons: Record<RejectionReason, number>;
}

export interface VariationFamily {
  parentId: string;
  namespace: string;
  sourcePattern: InstancePattern;
  variations: PatternVariation[];
  cacheKeys: string[];
  /** The seed actually used (derived from the pattern id when none was given). */
  seed: string;
  options: { structure: number; parameter: number };
  diversity: DiversityReport;
  /** Version of the variation engine; a different version may produce a different family. */
  engineVersion: string;
  /** How many of the requested variations could not be produced (too few distinct ones exist); 0 when none. */
  shortfall?: number;
  /** Candidates rejected by the validity filter or as duplicates, and why (absent on families of engine 1.x). */
  rejected?: RejectionReport;
}
