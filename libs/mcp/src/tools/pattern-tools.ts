import {
  FeedbackInputSchema,
  LIMITS,
  parseInput,
  PatternFilterSchema,
  PatternInputSchema,
  SearchRequestSchema,
} from '@motif/core-types';
import { z } from 'zod';
import {
  CompactPatternSchema,
  compactPattern,
  PatternDetailSchema,
  patternDetail,
  PatternFeedbackSchema,
  patternFeedback,
} from '../compact-views';
import { withParamsArgument } from '../argument-paths';
import { defineTool } from '../tool-definition';
import { cardOfArgument } from './card-argument';
import { cardIf } from './render-tools';
import { CardInputSchema, DslInputSchema, FlatParamsSchema, IncludeCard, includeParams, PatternIdSchema } from './shared-arguments';

export { PatternIdSchema } from './shared-arguments';
const IncludeParams = includeParams();

export const searchPatternsTool = defineTool({
  name: 'search_patterns',
  access: 'read',
  title: 'Search card patterns',
  description:
    'Find stored card patterns that worked before, by what the card should show (hybrid semantic + keyword search, ranked by feedback). ' +
    'Returns id, description, DSL, feedback and score for each; pass includeParams for the parameter values, includeCard for each Card v2 card.',
  input: z.strictObject({
    query: SearchRequestSchema.shape.query.describe('what the card should show, in plain words'),
    filters: PatternFilterSchema.optional().describe('narrow by feedback, components (all/any/none), tags or metadata'),
    limit: z.number().int().min(1).max(LIMITS.searchLimitMax).default(5).describe('how many results (default 5)'),
    dsl: SearchRequestSchema.shape.dsl.describe('a structure to look for, in the compact DSL (e.g. §[δ×3, Ƀ[ᵬ×2]])'),
    mode: SearchRequestSchema.shape.mode.describe('hybrid (default), semantic, lexical, or structure (rank by similarity to dsl)'),
    includeParams: IncludeParams,
    includeCard: IncludeCard,
  }),
  output: z.strictObject({ namespace: z.string(), mode: z.string(), results: z.array(CompactPatternSchema) }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(a, { service, namespace }) {
    const request = parseInput(SearchRequestSchema, { query: a.query, dsl: a.dsl, limit: a.limit, filter: a.filters, mode: a.mode }, 'search request');
    const found = await service.search(request, namespace);
    return {
      namespace: found.namespace,
      mode: found.mode,
      results: await Promise.all(
        found.results.map(async (h) => compactPattern(h.pattern, { score: h.score, params: a.includeParams, card: await cardIf(a.includeCard, service, h.pattern.tree) })),
      ),
    };
  },
});

export const getPatternTool = defineTool({
  name: 'get_pattern',
  access: 'read',
  title: 'Get a card pattern',
  description: 'One stored pattern: description, DSL, feedback labels and vote counts, tags; pass includeParams for its parameter values, includeCard for its Card v2 card.',
  input: z.strictObject({ id: PatternIdSchema, includeParams: IncludeParams, includeCard: IncludeCard }),
  output: PatternDetailSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(a, { service, namespace }) {
    const pattern = await service.get(a.id, namespace);
    return patternDetail(pattern, { params: a.includeParams, card: await cardIf(a.includeCard, service, pattern.tree) });
  },
});

const StorePatternInput = z
  .strictObject({
    description: PatternInputSchema.shape.description.describe('what the card shows and what it is for: search matches on it'),
    card: CardInputSchema,
    dsl: DslInputSchema,
    params: FlatParamsSchema,
    tags: PatternInputSchema.shape.tags,
    metadata: PatternInputSchema.shape.metadata,
  })
  .superRefine((v, ctx) => {
    if (v.card === undefined && v.dsl === undefined) ctx.addIssue({ code: 'custom', path: ['card'], message: 'give card (a Card v2 card), or dsl with its params' });
    if (v.card !== undefined && v.dsl !== undefined) ctx.addIssue({ code: 'custom', path: ['dsl'], message: 'a card already says its structure: give either card or dsl' });
    if (v.card !== undefined && v.params !== undefined) ctx.addIssue({ code: 'custom', path: ['params'], message: 'a card carries its own params: give either card or dsl + params' });
  });

export const storePatternTool = defineTool({
  name: 'store_pattern',
  access: 'write',
  title: 'Store a card pattern',
  description:
    'Store a card that worked, so it can be found and varied later: a Google Chat Card v2 card (the object in cardsV2[].card; a one-card {cardsV2} message is unwrapped), or its structure as DSL plus flat params. ' +
    'The structure is checked against the catalog (INVALID_STRUCTURE) and the params against each component (INVALID_PARAMS), each issue with its path and a fix. ' +
    'Storing the same pattern twice is not a duplicate (created: false).',
  input: StorePatternInput,
  output: z.strictObject({ id: z.string(), created: z.boolean(), description: z.string(), dsl: z.string(), repairs: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(a, { service, namespace }) {
    const shape = a.card !== undefined ? { card: cardOfArgument(a.card) } : { dsl: a.dsl, instanceParams: a.params };
    const { pattern, created, repairs } = await withParamsArgument(async () => {
      const input = parseInput(PatternInputSchema, { description: a.description, ...shape, tags: a.tags, metadata: a.metadata }, 'pattern');
      return service.store(input, namespace);
    });
    return { id: pattern.patternId, created, description: pattern.description, dsl: pattern.dslNotation, repairs };
  },
});

export const recordFeedbackTool = defineTool({
  name: 'record_feedback',
  access: 'write',
  title: 'Record feedback on a pattern',
  description:
    'Vote on a stored pattern after using it: positive or negative, for its content, its form (layout), or both. ' +
    'Search ranks by these votes; patterns with negative feedback are not varied unless forced.',
  input: z.strictObject({
    id: PatternIdSchema,
    feedback: FeedbackInputSchema.shape.feedback,
    dimension: FeedbackInputSchema.shape.dimension.describe('content, form, or both (default)'),
  }),
  output: PatternFeedbackSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(a, { service, namespace }) {
    const vote = parseInput(FeedbackInputSchema, { feedback: a.feedback, dimension: a.dimension }, 'feedback');
    return patternFeedback(await service.recordFeedback(a.id, vote, namespace));
  },
});
