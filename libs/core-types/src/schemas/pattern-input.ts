import { z } from 'zod';
import type { CardNode } from '../domain/card';
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

/** A tree node as sent: the domain's own shape (one definition). */
export type CardNodeInput = CardNode;

/** A stored tree (what `export` writes): params on their nodes. */
export const CardNodeSchema: z.ZodType<CardNodeInput> = z.lazy(() =>
  z.strictObject({
    component: z.string().min(1).max(200),
    field: z.string().min(1).max(100).optional(),
    params: z.record(z.string(), z.unknown()),
    widget: z.record(z.string(), z.unknown()).optional(),
    children: z.array(CardNodeSchema).max(LIMITS.structureMaxNodes).optional(),
  }),
);

/** A Card v2 object (what goes in `cardsV2[].card`); its shape is checked field by field by libs/dag's card codec. */
export const CardV2Schema = z.record(z.string(), z.unknown());

/** The fields that say what a pattern looks like: a Card v2 `card`, or a structure (+ flat params). */
const patternShapeFields = {
  card: CardV2Schema.optional(),
  tree: z.array(CardNodeSchema).min(1).max(LIMITS.structureMaxNodes).optional(),
  dsl: z.string().min(1).max(LIMITS.dslMaxChars).optional(),
  dslNotation: z.string().min(1).max(LIMITS.dslMaxChars).optional(),
  structure: z.union([StructureNodeSchema, z.array(StructureNodeSchema).min(1)]).optional(),
  componentPaths: z.array(z.string().min(1).max(300)).min(1).max(LIMITS.componentPathsMax).optional(),
  instanceParams: z.record(z.string(), z.unknown()).optional(),
};

interface ShapeFields {
  card?: unknown;
  tree?: unknown;
  dsl?: string;
  dslNotation?: string;
  structure?: unknown;
  componentPaths?: unknown;
  instanceParams?: unknown;
}

/**
 * One home for "a pattern needs a shape, and a card replaces every other shape field". A `tree`
 * (as `export` writes it) is the truth: the views exported beside it (dsl, structure, paths, flat
 * params) are derived from it and not read.
 */
function checkShape(v: ShapeFields, ctx: z.RefinementCtx): void {
  if (v.tree !== undefined) {
    if (v.card !== undefined) ctx.addIssue({ code: 'custom', path: ['card'], message: 'send either card or tree' });
    return;
  }
  if (v.card !== undefined) {
    for (const key of ['dsl', 'dslNotation', 'structure', 'componentPaths', 'instanceParams'] as const) {
      if (v[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a card already says the structure and its params: send either card or ${key}` });
    }
    return;
  }
  if (v.dsl === undefined && v.dslNotation === undefined && v.structure === undefined && v.componentPaths === undefined) {
    ctx.addIssue({ code: 'custom', path: ['dsl'], message: 'one of card, dsl, structure or componentPaths is required' });
  }
}

/** A pattern's shape alone, e.g. to render a card inline without storing it. */
export const PatternShapeInputSchema = z.strictObject(patternShapeFields).superRefine(checkShape);
export type PatternShapeInput = z.infer<typeof PatternShapeInputSchema>;

/**
 * What users send to store a pattern. Either `card` (a Card v2 object: structure and params are
 * derived from it) or one of `dsl` (alias `dslNotation`), `structure` or `componentPaths` with
 * optional flat `instanceParams` (bound to the nodes by the rule in libs/dag's README). When several
 * structure fields are given they must agree: the first in that order wins and the others are checked
 * against it. Fields of an exported pattern (`patternId`, `feedbackCounts`, timestamps) are accepted
 * so export → import is lossless.
 */
export const PatternInputSchema = z
  .strictObject({
    description: z.string().trim().min(1, 'description must not be empty').max(LIMITS.descriptionMaxChars),
    ...patternShapeFields,
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
  .superRefine(checkShape);

export type PatternInput = z.infer<typeof PatternInputSchema>;

export const FeedbackInputSchema = z.strictObject({
  feedback: FeedbackPolaritySchema,
  /** Which dimension the vote is for; `both` records one vote on each. */
  dimension: z.enum(['content', 'form', 'both']).default('both'),
});
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;
