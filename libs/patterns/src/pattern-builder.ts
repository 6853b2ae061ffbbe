import {
  addVotes,
  deriveFeedbackLabels,
  emptyFeedbackCounts,
  type CardTree,
  type FeedbackCounts,
  type FeedbackLabels,
  type InstancePattern,
  type ParsedStructure,
  type PatternInput,
} from '@motif/core-types';
import { initialVotes } from './feedback-votes';
import { patternIdOf } from './pattern-identity';

/**
 * Pure: a validated input plus its shape (the tree with params on its nodes, and the views derived
 * from it; `instanceParams` is the tree's flat view) → the pattern to store.
 */
export function buildPattern(
  input: PatternInput,
  derived: ParsedStructure & { tree: CardTree; instanceParams: Record<string, unknown> },
  context: { namespace: string; catalogId: string; now: Date },
): InstancePattern {
  const now = context.now.toISOString();
  const instanceParams = derived.instanceParams;
  const description = input.description.trim();
  const feedbackCounts =
    input.feedbackCounts ?? addVotes(emptyFeedbackCounts(), initialVotes(input).map((vote) => ({ ...vote, at: now })));
  const labels = deriveFeedbackLabels(feedbackCounts);
  if (input.feedbackCounts) keepTiedLabels(labels, input, feedbackCounts);
  return {
    patternId: patternIdOf({ namespace: context.namespace, catalogId: context.catalogId, dsl: derived.dsl, instanceParams, description }),
    namespace: context.namespace,
    catalogId: context.catalogId,
    tree: derived.tree,
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
function keepTiedLabels(labels: FeedbackLabels, input: PatternInput, counts: FeedbackCounts): void {
  const tied = (p: number, n: number) => p === n && p > 0;
  const { content, form } = counts;
  if (tied(content.positive, content.negative) && input.contentFeedback !== undefined) labels.contentFeedback = input.contentFeedback;
  if (tied(form.positive, form.negative) && input.formFeedback !== undefined) labels.formFeedback = input.formFeedback;
  if (tied(content.positive + form.positive, content.negative + form.negative) && input.feedback !== undefined) labels.feedback = input.feedback;
}
