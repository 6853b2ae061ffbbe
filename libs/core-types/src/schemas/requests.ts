import { z } from 'zod';
import { LIMITS } from './limits';
import { PatternShapeInputSchema, StructureNodeSchema } from './pattern-input';

const FeedbackFilterSchema = z
  .union([z.enum(['positive', 'negative', 'unrated']), z.array(z.enum(['positive', 'negative', 'unrated'])).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

const ComponentNames = z.array(z.string().min(1)).max(100);

export const PatternFilterSchema = z.strictObject({
  feedback: FeedbackFilterSchema.optional(),
  contentFeedback: FeedbackFilterSchema.optional(),
  formFeedback: FeedbackFilterSchema.optional(),
  components: z
    .strictObject({ all: ComponentNames.optional(), any: ComponentNames.optional(), none: ComponentNames.optional() })
    .optional(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  tags: z.array(z.string().min(1)).max(LIMITS.tagsMax).optional(),
});

/*
 * Every request type below is the schema's *output*: the edge (a route, a CLI command, an MCP tool) parses
 * once with the schema and hands the service what it produced; the service never validates again.
 * The namespace is never part of a request: it travels as the service's last argument.
 */

/** One home for what a search needs: a text, or a shape to compare with; mode "structure" needs the shape. */
export const SearchRequestSchema = z
  .strictObject({
    query: z.string().max(LIMITS.descriptionMaxChars).default(''),
    dsl: z.string().min(1).max(LIMITS.dslMaxChars).optional(),
    structure: z.union([StructureNodeSchema, z.array(StructureNodeSchema).min(1)]).optional(),
    limit: z.number().int().min(1).max(LIMITS.searchLimitMax).default(10),
    filter: PatternFilterSchema.default({}),
    mode: z.enum(['hybrid', 'semantic', 'lexical', 'structure']).default('hybrid'),
    diversity: z.number().min(0).max(1).optional(),
    explain: z.boolean().default(false),
  })
  .superRefine((q, ctx) => {
    const hasShape = q.dsl !== undefined || q.structure !== undefined;
    if (q.mode === 'structure' && !hasShape) {
      ctx.addIssue({ code: 'custom', path: ['dsl'], message: 'mode "structure" needs a dsl or a structure to compare with' });
    } else if (!hasShape && q.query.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['query'], message: 'a search needs a query text, a dsl or a structure' });
    }
  });
export type SearchRequest = z.output<typeof SearchRequestSchema>;

export const RecommendRequestSchema = z.strictObject({
  positive: z.array(z.string().min(1)).min(1).max(LIMITS.idsMax),
  negative: z.array(z.string().min(1)).max(LIMITS.idsMax).default([]),
  limit: z.number().int().min(1).max(LIMITS.searchLimitMax).default(10),
  filter: PatternFilterSchema.default({}),
  explain: z.boolean().default(false),
});
export type RecommendRequest = z.output<typeof RecommendRequestSchema>;

export const VariationRequestSchema = z.strictObject({
  structure: z.number().int().min(0).max(LIMITS.variationsMax).default(3),
  parameter: z.number().int().min(0).max(LIMITS.variationsMax).default(3),
  seed: z.union([z.string().min(1).max(200), z.number().int()]).optional(),
  force: z.boolean().default(false),
});
export type VariationRequest = z.output<typeof VariationRequestSchema>;

export const RandomVariationQuerySchema = z.strictObject({
  type: z.enum(['original', 'structure', 'parameter', 'combined']).optional(),
  seed: z.string().min(1).max(200).optional(),
});
export type RandomVariationQuery = z.output<typeof RandomVariationQuerySchema>;

export const BatchVariationsRequestSchema = z.strictObject({
  cacheKeys: z.array(z.string().min(1).max(500)).min(1).max(LIMITS.batchKeysMax),
});
export type BatchVariationsRequest = z.output<typeof BatchVariationsRequestSchema>;

export const DslParseRequestSchema = z.strictObject({
  dsl: z.string().min(1).max(LIMITS.dslMaxChars),
});
export type DslParseRequest = z.output<typeof DslParseRequestSchema>;

/** A structure to check, as DSL, tree, paths or a Card v2 `card`; params are checked too when they are given. */
export const StructureValidateRequestSchema = PatternShapeInputSchema;
export type StructureValidateRequest = z.output<typeof StructureValidateRequestSchema>;

/** A stored pattern, or one of its variations, by id. */
export const PatternRefSchema = z.strictObject({
  patternId: z.string().min(1).max(200),
  variationId: z.string().min(1).max(300).optional(),
});
export type PatternRef = z.output<typeof PatternRefSchema>;

/** What `POST /v1/cards/render` takes: a stored pattern (or variation) by id, or a pattern inline. */
export const RenderCardRequestSchema = z.union([PatternRefSchema, PatternShapeInputSchema]);
export type RenderCardRequest = z.output<typeof RenderCardRequestSchema>;

export const ListPatternsQuerySchema = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.searchLimitMax).default(20),
  feedback: FeedbackFilterSchema.optional(),
  contentFeedback: FeedbackFilterSchema.optional(),
  formFeedback: FeedbackFilterSchema.optional(),
  component: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
  tag: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
});
export type ListPatternsQuery = z.output<typeof ListPatternsQuerySchema>;
