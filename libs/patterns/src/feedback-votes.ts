import type { FeedbackDimension, FeedbackPolarity, FeedbackVoteInput, PatternInput } from '@motif/core-types';

/**
 * Labels given with a new pattern become votes: `feedback` counts for both dimensions,
 * `contentFeedback`/`formFeedback` for their own (and override `feedback` on that dimension).
 */
export function initialVotes(input: Pick<PatternInput, 'feedback' | 'contentFeedback' | 'formFeedback'>): FeedbackVoteInput[] {
  const votes: FeedbackVoteInput[] = [];
  const dims: Record<FeedbackDimension, FeedbackPolarity | null | undefined> = {
    content: input.contentFeedback !== undefined ? input.contentFeedback : input.feedback,
    form: input.formFeedback !== undefined ? input.formFeedback : input.feedback,
  };
  for (const dimension of ['content', 'form'] as const) {
    const polarity = dims[dimension];
    if (polarity) votes.push({ dimension, polarity });
  }
  return votes;
}

export function votesFor(feedback: FeedbackPolarity, dimension: FeedbackDimension | 'both'): FeedbackVoteInput[] {
  return dimension === 'both'
    ? [{ dimension: 'content', polarity: feedback }, { dimension: 'form', polarity: feedback }]
    : [{ dimension, polarity: feedback }];
}
