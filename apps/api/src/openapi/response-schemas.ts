import { CardNodeSchema, REJECTION_REASONS, StructureNodeSchema, type RejectionReason, type BatchVariationsResult, type CatalogDescription, type InstancePattern, type MotifStats, type Page, type ParsedStructure, type PatternVariation, type SearchResponse, type StoreResult, type VariationFamily } from '@motif/core-types';
import { z } from 'zod';

/**
 * Response shapes, for the OpenAPI document only (responses are never validated at run time).
 * Open objects (unknown keys allowed): a field added later does not break them. They cannot drift from the domain types
 * unnoticed: the type checks below fail when a domain type stops fitting its schema, and the
 * end-to-end spec parses real responses of the real service with them.
 */
const Label = z.enum(['positive', 'negative']).nullable();
const Counts = z.object({ positive: z.number().int(), negative: z.number().int() });
const Structure = z.array(StructureNodeSchema);
const Tree = z.array(CardNodeSchema);

export const InstancePatternResponse = z.object({
  patternId: z.string(),
  namespace: z.string(),
  catalogId: z.string(),
  tree: Tree,
  structure: Structure,
  componentPaths: z.array(z.string()),
  instanceParams: z.record(z.string(), z.unknown()),
  description: z.string(),
  dslNotation: z.string(),
  feedback: Label,
  contentFeedback: Label,
  formFeedback: Label,
  feedbackCounts: z.object({ content: Counts, form: Counts, lastVoteAt: z.string().nullable() }),
  metadata: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const StoreResultResponse = z.object({ pattern: InstancePatternResponse, created: z.boolean(), repairs: z.array(z.string()), unknownFields: z.array(z.string()).optional() });

/** A ready-to-send Chat message body. */
export const CardsV2MessageResponse = z.object({ cardsV2: z.array(z.object({ cardId: z.string(), card: z.record(z.string(), z.unknown()) })) });

export const PatternPageResponse = z.object({ items: z.array(InstancePatternResponse), nextCursor: z.string().nullable() });

const Contribution = z.object({ rank: z.number(), score: z.number() });
export const SearchResponseSchema = z.object({
  mode: z.enum(['hybrid', 'semantic', 'lexical', 'structure']),
  namespace: z.string(),
  results: z.array(
    z.object({
      pattern: InstancePatternResponse,
      score: z.number(),
      explanation: z
        .object({ signals: z.record(z.string(), Contribution.optional()), structural: Contribution.optional(), relevance: z.number(), feedbackPrior: z.number(), rrfK: z.number() })
        .optional(),
    }),
  ),
  tookMs: z.number(),
});

export const PatternVariationResponse = z.object({
  variationId: z.string(),
  variationType: z.enum(['original', 'structure', 'parameter', 'combined']),
  index: z.number().int(),
  tree: Tree,
  structure: Structure,
  componentPaths: z.array(z.string()),
  instanceParams: z.record(z.string(), z.unknown()),
  parentId: z.string(),
  dslNotation: z.string(),
  cacheKey: z.string(),
  operations: z.array(z.string()),
});

export const VariationFamilyResponse = z.object({
  parentId: z.string(),
  namespace: z.string(),
  sourcePattern: InstancePatternResponse,
  variations: z.array(PatternVariationResponse),
  cacheKeys: z.array(z.string()),
  seed: z.string(),
  options: z.object({ structure: z.number().int(), parameter: z.number().int() }),
  diversity: z.object({ distinctStructures: z.number(), edgeCoverage: z.number(), meanPairwiseDistance: z.number() }),
  engineVersion: z.string(),
  shortfall: z.number().int().optional().describe('How many of the requested variations could not be produced (too few distinct valid ones exist).'),
  rejected: z
    .object({
      total: z.number().int(),
      reasons: z.object(Object.fromEntries(REJECTION_REASONS.map((r) => [r, z.number().int()])) as Record<RejectionReason, z.ZodNumber>),
    })
    .optional()
    .describe(
      'Candidates proposed and not kept, by reason: unfillable (an add/swap/expand whose required fields the pattern cannot fill: not offered), invalid-structure, dsl-round-trip, invalid-params (a param issue the original does not have), render-failed, over-card-limits (100 widgets / 32 KB), duplicate. Absent on families made by engine 1.x.',
    ),
});

export const BatchVariationsResponse = z.object({ variations: z.array(PatternVariationResponse), missing: z.array(z.string()) });

const Issue = z.object({ code: z.string(), path: z.string(), message: z.string(), fix: z.string().optional() });
export const ParsedStructureResponse = z.object({
  structure: Structure,
  componentPaths: z.array(z.string()),
  dsl: z.string(),
  expanded: z.string(),
  validation: z.object({ valid: z.boolean(), issues: z.array(Issue) }),
  repairs: z.array(z.string()),
  paramIssues: z.array(z.object({ code: z.string(), path: z.string(), pointer: z.string(), message: z.string(), fix: z.string().optional() })).optional(),
});

export const CatalogResponse = z.object({
  id: z.string(),
  version: z.string(),
  name: z.string(),
  roots: z.array(z.string()),
  components: z.array(z.object({ name: z.string(), symbol: z.string(), children: z.array(z.string()), parameters: z.record(z.string(), z.unknown()), wrapper: z.string().optional() })),
  acyclic: z.boolean(),
});

const Tier = z.object({
  tier: z.enum(['l1', 'l2']),
  backend: z.string(),
  state: z.enum(['up', 'degraded', 'down', 'disabled']),
  hits: z.number(),
  misses: z.number(),
  hitRatio: z.number(),
  evictions: z.number(),
  errors: z.number(),
  entries: z.number().optional(),
  bytes: z.number().optional(),
  latency: z.object({ p50: z.number(), p95: z.number(), p99: z.number(), unit: z.literal('us') }),
});
export const StatsResponse = z.object({
  store: z.object({ backend: z.enum(['embedded', 'qdrant']), patterns: z.number(), families: z.number(), embedder: z.object({ id: z.string(), dimension: z.number() }), location: z.string() }),
  cache: z.object({ tiers: z.array(Tier) }),
  catalog: z.object({ id: z.string(), components: z.number(), edges: z.number() }),
});

export const ReadinessResponse = z.object({
  ready: z.boolean(),
  degraded: z.array(z.string()),
  shuttingDown: z.boolean().optional(),
  components: z.array(z.object({ name: z.string(), state: z.enum(['up', 'degraded', 'down', 'disabled']), detail: z.string().optional() })),
});

export const LivenessResponse = z.strictObject({ status: z.literal('ok') });

// Compile-time guard: each domain type must fit its documented schema.
type Fits<T, S extends z.ZodType> = [T] extends [z.output<S>] ? true : false;
const fits = <T extends true>(): T | undefined => undefined;
fits<Fits<InstancePattern, typeof InstancePatternResponse>>();
fits<Fits<StoreResult, typeof StoreResultResponse>>();
fits<Fits<Page<InstancePattern>, typeof PatternPageResponse>>();
fits<Fits<SearchResponse, typeof SearchResponseSchema>>();
fits<Fits<PatternVariation, typeof PatternVariationResponse>>();
fits<Fits<VariationFamily, typeof VariationFamilyResponse>>();
fits<Fits<BatchVariationsResult, typeof BatchVariationsResponse>>();
fits<Fits<ParsedStructure, typeof ParsedStructureResponse>>();
fits<Fits<CatalogDescription, typeof CatalogResponse>>();
fits<Fits<MotifStats, typeof StatsResponse>>();
