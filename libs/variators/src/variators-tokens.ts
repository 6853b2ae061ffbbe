import { token } from '@motif/core-types';
import type { VariationEngine } from './family/variation-engine';
import type { ParameterVariator } from './params/parameter-variator';
import type { StructureVariator } from './structure/structure-variator';

/** Tokens of this library's services, bound by `variatorsModule` (the random source is `TOKENS.RandomSourceFactory`). */
export const VARIATORS_TOKENS = {
  StructureVariator: token<StructureVariator>('StructureVariator'),
  ParameterVariator: token<ParameterVariator>('ParameterVariator'),
  VariationEngine: token<VariationEngine>('VariationEngine'),
} as const;
