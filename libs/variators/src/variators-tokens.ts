import { token } from '@motif/core-types';
import type { VariationEngine } from './family/variation-engine';
import type { PresentationVariator } from './tree/presentation-variator';
import type { TreeStructureVariator } from './tree/tree-structure-variator';

/** Tokens of this library's services, bound by `variatorsModule` (the random source is `TOKENS.RandomSourceFactory`). */
export const VARIATORS_TOKENS = {
  /** Structure variations of a card tree (params move with their nodes). */
  StructureVariator: token<TreeStructureVariator>('StructureVariator'),
  /** Parameter variations of a card tree (presentation only). */
  ParameterVariator: token<PresentationVariator>('ParameterVariator'),
  VariationEngine: token<VariationEngine>('VariationEngine'),
} as const;
