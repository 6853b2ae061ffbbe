import { parseInput, RandomVariationQuerySchema, VariationRequestSchema } from '@motif/core-types';
import { z } from 'zod';
import { CompactVariationSchema, compactVariation } from '../compact-views';
import { defineTool } from '../tool-definition';
import { cardIf } from './render-tools';
import { IncludeCard, includeParams, PatternIdSchema } from './shared-arguments';

const IncludeParams = includeParams('each variation\'s parameter values');

export const generateVariationsTool = defineTool({
  name: 'generate_variations',
  access: 'write',
  title: 'Generate variations of a pattern',
  description:
    'Make a reproducible family of valid variations of a stored pattern: structure variations (other components in the same slots) and parameter variations. ' +
    'Returns each variation\'s id, type, DSL and what changed (includeParams / includeCard for its params or Card v2 card; render_card renders one). A pattern with negative feedback needs force: true (else PRECONDITION_FAILED).',
  input: z.strictObject({
    id: PatternIdSchema,
    structure: VariationRequestSchema.shape.structure.describe('how many structure variations (default 3)'),
    parameter: VariationRequestSchema.shape.parameter.describe('how many parameter variations (default 3)'),
    seed: VariationRequestSchema.shape.seed.describe('same seed, same family'),
    force: VariationRequestSchema.shape.force,
    includeParams: IncludeParams,
    includeCard: IncludeCard,
  }),
  output: z.strictObject({
    parentId: z.string(),
    seed: z.string(),
    variations: z.array(CompactVariationSchema),
    distinctStructures: z.number().int(),
    shortfall: z.number().int(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(a, { service, namespace }) {
    const options = parseInput(VariationRequestSchema, { structure: a.structure, parameter: a.parameter, seed: a.seed, force: a.force }, 'variation options');
    const family = await service.generateVariations(a.id, options, namespace);
    return {
      parentId: family.parentId,
      seed: family.seed,
      variations: await Promise.all(family.variations.map(async (v) => compactVariation(v, { params: a.includeParams, card: await cardIf(a.includeCard, service, v.tree) }))),
      distinctStructures: family.diversity.distinctStructures,
      shortfall: family.shortfall ?? 0,
    };
  },
});

export const getVariationTool = defineTool({
  name: 'get_variation',
  access: 'read',
  title: 'Get one variation of a pattern',
  description:
    'One variation of a pattern\'s family, picked at random (reproducibly with a seed), optionally of one type: original, structure, parameter or combined. ' +
    'The pattern needs a family first (generate_variations); without one it answers NOT_FOUND.',
  input: z.strictObject({
    id: PatternIdSchema,
    type: RandomVariationQuerySchema.shape.type.describe('original, structure, parameter or combined; any when absent'),
    seed: RandomVariationQuerySchema.shape.seed.describe('same seed, same pick'),
    includeParams: IncludeParams,
    includeCard: IncludeCard,
  }),
  output: CompactVariationSchema.extend({ parentId: z.string() }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(a, { service, namespace }) {
    const query = parseInput(RandomVariationQuerySchema, { type: a.type, seed: a.seed }, 'variation query');
    const variation = await service.randomVariation(a.id, query, namespace);
    return { ...compactVariation(variation, { params: a.includeParams, card: await cardIf(a.includeCard, service, variation.tree) }), parentId: variation.parentId };
  },
});
