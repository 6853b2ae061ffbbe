import { PatternInputSchema } from '@motif/core-types';
import { z } from 'zod';

/** Arguments several tools share, described once for the model. */
export const PatternIdSchema = z.string().min(1).max(200).describe('pattern id (p_…), as search_patterns returns it');

export const CardInputSchema = PatternInputSchema.shape.card.describe(
  'a Google Chat Card v2 card: the object that goes in cardsV2[].card ({header?, sections: [{widgets: [...]}]})',
);
export const DslInputSchema = PatternInputSchema.shape.dsl.describe('the structure in the compact DSL (see the motif://dsl/rules resource), e.g. §[δ×3, Ƀ[ᵬ×2]]');
export const FlatParamsSchema = PatternInputSchema.shape.instanceParams.describe('the flat parameter values that go with dsl (text, buttons, urls…)');

export const includeParams = (what = 'the parameter values') => z.boolean().default(false).describe(`also return ${what} (flat view; larger)`);
export const IncludeCard = z.boolean().default(false).describe('also return the Google Chat Card v2 card (as in cardsV2[].card; the largest form)');
