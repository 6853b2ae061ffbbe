export type FeedbackPolarity = 'positive' | 'negative';
export type FeedbackLabel = FeedbackPolarity | null;
export type FeedbackDimension = 'content' | 'form';
/** Filter value: a label, or `unrated` for patterns without a vote on that dimension. */
export type FeedbackFilterValue = FeedbackPolarity | 'unrated';

export interface PolarityCounts {
  positive: number;
  negative: number;
}

/** Vote counts per dimension and polarity; labels are derived from these, never stored alone. */
export interface FeedbackCounts {
  content: PolarityCounts;
  form: PolarityCounts;
  /** ISO-8601 time of the latest vote, or null when there is none. */
  lastVoteAt: string | null;
}

export interface FeedbackVote {
  patternId: string;
  dimension: FeedbackDimension;
  polarity: FeedbackPolarity;
  at: string;
}

export const emptyFeedbackCounts = (): FeedbackCounts => ({
  content: { positive: 0, negative: 0 },
  form: { positive: 0, negative: 0 },
  lastVoteAt: null,
});
