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
}
