import {
  emptyFeedbackCounts,
  type FeedbackCounts,
  type FeedbackLabel,
  type FeedbackVoteInput,
  type InstancePattern,
  type ParsedStructure,
  type PatternInput,
} from '@motif/core-types';
import { initialVotes } from './feedback-votes';
import { patternIdOf } from './pattern-identity';

export type LabelDeriver = (counts: FeedbackCounts) => { feedback: FeedbackLabel; contentFeedback: FeedbackLabel; formFeedback: FeedbackLabel };

export function countsFromVotes(votes: readonly FeedbackVoteInput[], at: string | null): FeedbackCounts {
  const counts = emptyFeedbackCounts();
  for (const v of votes) counts[v.dimension][v.polarity] += 1;
  counts.lastVoteAt = votes.length ? at : null;
  return counts;
}

/** Pure: a validated input plus its derived structure → the pattern to store. */
export function buildPattern(
  input: PatternInput,
  derived: ParsedStructure,
  context: { namespace: string; catalogId: string; now: Date; deriveLabels: LabelDeriver },
): InstancePattern {
  const now = context.now.toISOString();
  const instanceParams = input.instanceParams ?? {};
  const description = input.description.trim();
  const feedbackCounts = input.feedbackCounts ?? countsFromVotes(initialVotes(input), now);
  const labels = context.deriveLabels(feedbackCounts);
  if (input.feedbackCounts) keepTiedLabels(labels, input, feedbackCounts);
  return {
    patternId: patternIdOf({ namespace: context.namespace, catalogId: context.catalogId, dsl: derived.dsl, instanceParams, description }),
    namespace: context.namespace,
    catalogId: context.catalogId,
    structure: derived.structure,
    componentPaths: derived.componentPaths,
    instanceParams,
    description,
    dslNotation: derived.dsl,
    ...labels,
    feedbackCounts,
    metadata: input.metadata ?? {},
    tags: [...new Set(input.tags ?? [])],
    createdAt: input.createdAt ?? now,
    updatedAt: input.updatedAt ?? now,
  };
}

/**
 * A tie (as many positive as negative votes) is decided by the latest vote, which counts alone do
 * not carry: when an exported pattern comes back with its counts and labels, keep its tied labels
 * so export → import is lossless.
 */
function keepTiedLabels(labels: ReturnType<LabelDeriver>, input: PatternInput, counts: FeedbackCounts): void {
  const tied = (p: number, n: number) => p === n && p > 0;
  const { content, form } = counts;
  if (tied(content.positive, content.negative) && input.contentFeedback !== undefined) labels.contentFeedback = input.contentFeedback;
  if (tied(form.positive, form.negative) && input.formFeedback !== undefined) labels.formFeedback = input.formFeedback;
  if (tied(content.positive + form.positive, content.negative + form.negative) && input.feedback !== undefined) labels.feedback = input.feedback;
}
