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
import { defineTool } from '../tool-definition';

export const PatternIdSchema = z.string().min(1).max(200).describe('pattern id (p_…), as search_patterns returns it');
const IncludeParams = z.boolean().default(false).describe('also return the parameter values (larger)');

export const searchPatternsTool = defineTool({
  name: 'search_patterns',
  access: 'read',
  title: 'Search card patterns',
  description:
    'Find stored card patterns that worked before, by what the card should show (hybrid semantic + keyword search, ranked by feedback). ' +
    'Returns id, description, DSL, feedback and score for each; pass includeParams for the parameter values.',
  input: z.strictObject({
    query: SearchRequestSchema.shape.query.describe('what the card should show, in plain words'),
    filters: PatternFilterSchema.optional().describe('narrow by feedback, components (all/any/none), tags or metadata'),
    limit: z.number().int().min(1).max(LIMITS.searchLimitMax).default(5).describe('how many results (default 5)'),
    dsl: SearchRequestSchema.shape.dsl.describe('a structure to look for, in the compact DSL (e.g. §[δ×3, Ƀ[ᵬ×2]])'),
    mode: SearchRequestSchema.shape.mode.describe('hybrid (default), semantic, lexical, or structure (rank by similarity to dsl)'),
    includeParams: IncludeParams,
  }),
  output: z.strictObject({ namespace: z.string(), mode: z.string(), results: z.array(CompactPatternSchema) }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(a, { service, namespace }) {
    const request = parseInput(SearchRequestSchema, { query: a.query, dsl: a.dsl, limit: a.limit, filter: a.filters, mode: a.mode, namespace }, 'search request');
    const found = await service.search(request);
    return {
      namespace: found.namespace,
      mode: found.mode,
      results: found.results.map((h) => compactPattern(h.pattern, { score: h.score, params: a.includeParams })),
    };
  },
});

export const getPatternTool = defineTool({
  name: 'get_pattern',
  access: 'read',
  title: 'Get a card pattern',
  description: 'One stored pattern: description, DSL, feedback labels and vote counts, tags; pass includeParams for its parameter values.',
  input: z.strictObject({ id: PatternIdSchema, includeParams: IncludeParams }),
  output: PatternDetailSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(a, { service, namespace }) {
    return patternDetail(await service.get(a.id, namespace), { params: a.includeParams });
  },
});

const StorePatternInput = z
  .strictObject({
    description: PatternInputSchema.shape.description.describe('what the card shows and what it is for: search matches on it'),
    dsl: PatternInputSchema.shape.dsl.describe('the structure in the compact DSL (see the motif://dsl/rules resource), e.g. §[δ×3, Ƀ[ᵬ×2]]'),
    params: PatternInputSchema.shape.instanceParams.describe('the parameter values of the card (text, buttons, urls…)'),
    tags: PatternInputSchema.shape.tags,
    metadata: PatternInputSchema.shape.metadata,
  })
  .refine((v) => v.dsl !== undefined, { message: 'dsl is required', path: ['dsl'] });

export const storePatternTool = defineTool({
  name: 'store_pattern',
  access: 'write',
  title: 'Store a card pattern',
  description:
    'Store a card that worked, so it can be found and varied later. Give its structure as DSL plus its params. ' +
    'The structure is checked against the catalog (INVALID_STRUCTURE lists every issue with a fix). Storing the same pattern twice is not a duplicate (created: false).',
  input: StorePatternInput,
  output: z.strictObject({ id: z.string(), created: z.boolean(), description: z.string(), dsl: z.string(), repairs: z.array(z.string()) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(a, { service, namespace }) {
    const input = parseInput(PatternInputSchema, { description: a.description, dsl: a.dsl, instanceParams: a.params, tags: a.tags, metadata: a.metadata }, 'pattern');
    const { pattern, created, repairs } = await service.store(input, namespace);
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
