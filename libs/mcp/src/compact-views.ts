import type { FeedbackCounts, InstancePattern, PatternVariation, ParsedStructure } from '@motif/core-types';
import { z } from 'zod';

/**
 * What a model reads. REST answers with whole patterns (structure, component paths, params,
 * metadata, counts, timestamps); a model needs far less to choose one: id, description, DSL,
 * feedback and score. Params travel only when asked for.
 */
const FeedbackLabel = z.enum(['positive', 'negative']).nullable();
const Params = z.record(z.string(), z.unknown());
const Votes = z.strictObject({ positive: z.number().int(), negative: z.number().int() });

export const CompactPatternSchema = z.strictObject({
  id: z.string(),
  description: z.string(),
  dsl: z.string(),
  feedback: FeedbackLabel,
  score: z.number().optional(),
  params: Params.optional(),
});
export type CompactPattern = z.infer<typeof CompactPatternSchema>;

export const PatternFeedbackSchema = z.strictObject({
  id: z.string(),
  feedback: FeedbackLabel,
  contentFeedback: FeedbackLabel,
  formFeedback: FeedbackLabel,
  votes: z.strictObject({ content: Votes, form: Votes }),
});

export const PatternDetailSchema = CompactPatternSchema.omit({ score: true }).extend({
  contentFeedback: FeedbackLabel,
  formFeedback: FeedbackLabel,
  votes: z.strictObject({ content: Votes, form: Votes }),
  tags: z.array(z.string()),
});

export const CompactVariationSchema = z.strictObject({
  id: z.string(),
  type: z.enum(['original', 'structure', 'parameter', 'combined']),
  dsl: z.string(),
  /** What changed from the original, in words. */
  operations: z.array(z.string()),
  params: Params.optional(),
});
export type CompactVariation = z.infer<typeof CompactVariationSchema>;

export const StructureCheckSchema = z.strictObject({
  valid: z.boolean(),
  dsl: z.string(),
  expanded: z.string(),
  issues: z.array(z.strictObject({ code: z.string(), path: z.string(), message: z.string(), fix: z.string().optional() })),
  repairs: z.array(z.string()),
});

/** Three decimals are all a ranking needs, and fewer digits are fewer tokens. */
const round = (x: number): number => Math.round(x * 1000) / 1000;

export function compactPattern(p: InstancePattern, o: { score?: number; params?: boolean } = {}): CompactPattern {
  const out: CompactPattern = { id: p.patternId, description: p.description, dsl: p.dslNotation, feedback: p.feedback };
  if (o.score !== undefined) out.score = round(o.score);
  if (o.params) out.params = p.instanceParams;
  return out;
}

const votes = (c: FeedbackCounts) => ({ content: { ...c.content }, form: { ...c.form } });

export function patternFeedback(p: InstancePattern): z.infer<typeof PatternFeedbackSchema> {
  return { id: p.patternId, feedback: p.feedback, contentFeedback: p.contentFeedback, formFeedback: p.formFeedback, votes: votes(p.feedbackCounts) };
}

export function patternDetail(p: InstancePattern, o: { params?: boolean } = {}): z.infer<typeof PatternDetailSchema> {
  const { id, description, dsl, feedback, params } = compactPattern(p, o);
  return {
    id, description, dsl, feedback,
    contentFeedback: p.contentFeedback, formFeedback: p.formFeedback, votes: votes(p.feedbackCounts), tags: p.tags,
    ...(params ? { params } : {}),
  };
}

export function compactVariation(v: PatternVariation, o: { params?: boolean } = {}): CompactVariation {
  const out: CompactVariation = { id: v.variationId, type: v.variationType, dsl: v.dslNotation, operations: v.operations };
  if (o.params) out.params = v.instanceParams;
  return out;
}

export function structureCheck(s: ParsedStructure): z.infer<typeof StructureCheckSchema> {
  return {
    valid: s.validation.valid,
    dsl: s.dsl,
    expanded: s.expanded,
    issues: s.validation.issues.map((i) => ({ code: i.code, path: i.path, message: i.message, ...(i.fix ? { fix: i.fix } : {}) })),
    repairs: s.repairs,
  };
}
