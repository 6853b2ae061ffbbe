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
  return {
    patternId: patternIdOf({ namespace: context.namespace, catalogId: context.catalogId, dsl: derived.dsl, instanceParams, description }),
    namespace: context.namespace,
    catalogId: context.catalogId,
    structure: derived.structure,
    componentPaths: derived.componentPaths,
    instanceParams,
    description,
    dslNotation: derived.dsl,
    ...context.deriveLabels(feedbackCounts),
    feedbackCounts,
    metadata: input.metadata ?? {},
    tags: [...new Set(input.tags ?? [])],
    createdAt: input.createdAt ?? now,
    updatedAt: input.updatedAt ?? now,
  };
}
