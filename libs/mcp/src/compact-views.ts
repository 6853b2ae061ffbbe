import type { CardV2, FeedbackCounts, InstancePattern, PatternVariation, ParsedStructure } from '@motif/core-types';
import { z } from 'zod';

/**
 * What a model reads. REST answers with whole patterns (structure, component paths, params,
 * metadata, counts, timestamps); a model needs far less to choose one: id, description, DSL,
 * feedback and score. Params (the flat view) or the Card v2 card travel only when asked for.
 */
const FeedbackLabel = z.enum(['positive', 'negative']).nullable();
const Params = z.record(z.string(), z.unknown());
/** A Google Chat Card v2 object, as it goes in `cardsV2[].card`. */
export const CardSchema = z.record(z.string(), z.unknown());
const Votes = z.strictObject({ positive: z.number().int(), negative: z.number().int() });

export const CompactPatternSchema = z.strictObject({
  id: z.string(),
  description: z.string(),
  dsl: z.string(),
  feedback: FeedbackLabel,
  score: z.number().optional(),
  params: Params.optional(),
  card: CardSchema.optional(),
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
  card: CardSchema.optional(),
});
export type CompactVariation = z.infer<typeof CompactVariationSchema>;

export const StructureCheckSchema = z.strictObject({
  valid: z.boolean(),
  dsl: z.string(),
  expanded: z.string(),
  issues: z.array(z.strictObject({ code: z.string(), path: z.string(), message: z.string(), fix: z.string().optional() })),
  repairs: z.array(z.string()),
  /** Only when params or a card were checked: each problem with its node path and a fix. */
  paramIssues: z.array(z.strictObject({ code: z.string(), path: z.string(), pointer: z.string(), message: z.string(), fix: z.string().optional() })).optional(),
});

/** Three decimals are all a ranking needs, and fewer digits are fewer tokens. */
const round = (x: number): number => Math.round(x * 1000) / 1000;

/** What a caller asked to see besides the compact fields; `card` is the rendered Card v2 card when asked for. */
export interface ViewExtras {
  params?: boolean;
  card?: CardV2;
}

export function compactPattern(p: InstancePattern, o: ViewExtras & { score?: number } = {}): CompactPattern {
  const out: CompactPattern = { id: p.patternId, description: p.description, dsl: p.dslNotation, feedback: p.feedback };
  if (o.score !== undefined) out.score = round(o.score);
  if (o.params) out.params = p.instanceParams;
  if (o.card) out.card = o.card;
  return out;
}

const votes = (c: FeedbackCounts) => ({ content: { ...c.content }, form: { ...c.form } });

export function patternFeedback(p: InstancePattern): z.infer<typeof PatternFeedbackSchema> {
  return { id: p.patternId, feedback: p.feedback, contentFeedback: p.contentFeedback, formFeedback: p.formFeedback, votes: votes(p.feedbackCounts) };
}

export function patternDetail(p: InstancePattern, o: ViewExtras = {}): z.infer<typeof PatternDetailSchema> {
  const { id, description, dsl, feedback, params, card } = compactPattern(p, o);
  return {
    id, description, dsl, feedback,
    contentFeedback: p.contentFeedback, formFeedback: p.formFeedback, votes: votes(p.feedbackCounts), tags: p.tags,
    ...(params ? { params } : {}),
    ...(card ? { card } : {}),
  };
}

export function compactVariation(v: PatternVariation, o: ViewExtras = {}): CompactVariation {
  const out: CompactVariation = { id: v.variationId, type: v.variationType, dsl: v.dslNotation, operations: v.operations };
  if (o.params) out.params = v.instanceParams;
  if (o.card) out.card = o.card;
  return out;
}

export function structureCheck(s: ParsedStructure): z.infer<typeof StructureCheckSchema> {
  return {
    valid: s.validation.valid,
    dsl: s.dsl,
    expanded: s.expanded,
    issues: s.validation.issues.map((i) => ({ code: i.code, path: i.path, message: i.message, ...(i.fix ? { fix: i.fix } : {}) })),
    repairs: s.repairs,
    ...(s.paramIssues ? { paramIssues: s.paramIssues.map((i) => ({ code: i.code, path: i.path, pointer: i.pointer, message: i.message, ...(i.fix ? { fix: i.fix } : {}) })) } : {}),
  };
}
