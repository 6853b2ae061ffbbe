import { z } from 'zod';
import { LIMITS } from './limits';

export const FeedbackPolaritySchema = z.enum(['positive', 'negative']);
export const FeedbackLabelSchema = FeedbackPolaritySchema.nullable();
export const FeedbackDimensionSchema = z.enum(['content', 'form']);
export const NamespaceSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.\-]{1,64}$/, 'namespace: 1–64 letters, digits, "_", "." or "-"');

export interface StructureNodeInput {
  component: string;
  count?: number;
  field?: string;
  children?: StructureNodeInput[];
}

export const StructureNodeSchema: z.ZodType<StructureNodeInput> = z.lazy(() =>
  z.strictObject({
    component: z.string().min(1).max(200),
    count: z.number().int().min(1).max(LIMITS.nodeCountMax).optional(),
    field: z.string().min(1).max(100).optional(),
    children: z.array(StructureNodeSchema).max(LIMITS.structureMaxNodes).optional(),
  }),
);

const PolarityCountsSchema = z.strictObject({
  positive: z.number().int().min(0),
  negative: z.number().int().min(0),
});

/**
 * What users send to store a pattern. Exactly one of `dsl` (alias `dslNotation`), `structure` or
 * `componentPaths` describes the structure (when several are given they must agree: the first
 * in that order wins and the others are checked against it). Fields of an exported pattern
 * (`patternId`, `feedbackCounts`, timestamps) are accepted so export → import is lossless.
 */
export const PatternInputSchema = z
  .strictObject({
    description: z.string().trim().min(1, 'description must not be empty').max(LIMITS.descriptionMaxChars),
    dsl: z.string().min(1).max(LIMITS.dslMaxChars).optional(),
    dslNotation: z.string().min(1).max(LIMITS.dslMaxChars).optional(),
    structure: z.union([StructureNodeSchema, z.array(StructureNodeSchema).min(1)]).optional(),
    componentPaths: z.array(z.string().min(1).max(300)).min(1).max(LIMITS.componentPathsMax).optional(),
    instanceParams: z.record(z.string(), z.unknown()).optional(),
    feedback: FeedbackLabelSchema.optional(),
    contentFeedback: FeedbackLabelSchema.optional(),
    formFeedback: FeedbackLabelSchema.optional(),
    feedbackCounts: z
      .strictObject({ content: PolarityCountsSchema, form: PolarityCountsSchema, lastVoteAt: z.string().nullable() })
      .optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    tags: z.array(z.string().min(1).max(100)).max(LIMITS.tagsMax).optional(),
    namespace: NamespaceSchema.optional(),
    patternId: z.string().optional(),
    catalogId: z.string().optional(),
    createdAt: z.iso.datetime().optional(),
    updatedAt: z.iso.datetime().optional(),
  })
  .refine((v) => v.dsl !== undefined || v.dslNotation !== undefined || v.structure !== undefined || v.componentPaths !== undefined, {
    message: 'one of dsl, structure or componentPaths is required',
    path: ['dsl'],
  });

export type PatternInput = z.infer<typeof PatternInputSchema>;

export const FeedbackInputSchema = z.strictObject({
  feedback: FeedbackPolaritySchema,
  /** Which dimension the vote is for; `both` records one vote on each. */
  dimension: z.enum(['content', 'form', 'both']).default('both'),
});
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;
