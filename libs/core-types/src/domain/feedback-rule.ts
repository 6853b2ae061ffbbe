// The one home of the vote → counts → labels rule: stores persist what it returns, the pattern builder uses it
// for initial votes, and nothing else decides a label.
import type { FeedbackCounts, FeedbackDimension, FeedbackLabel, FeedbackPolarity } from './feedback';
import type { InstancePattern } from './pattern';

export interface FeedbackLabels {
  feedback: FeedbackLabel;
  contentFeedback: FeedbackLabel;
  formFeedback: FeedbackLabel;
}

export interface TimedVote {
  dimension: FeedbackDimension;
  polarity: FeedbackPolarity;
  /** ISO-8601. */
  at: string;
}

function latest(votes: readonly TimedVote[], dimension?: FeedbackDimension): FeedbackPolarity | null {
  let best: TimedVote | null = null;
  for (const v of votes) {
    if (dimension && v.dimension !== dimension) continue;
    // `>=`: among equal timestamps the later vote in the list (insertion order) wins.
    if (best === null || v.at >= best.at) best = v;
  }
  return best ? best.polarity : null;
}

function majority(positive: number, negative: number, tieBreak: FeedbackPolarity | null): FeedbackLabel {
  if (positive > negative) return 'positive';
  if (negative > positive) return 'negative';
  return positive === 0 ? null : tieBreak;
}

/**
 * Labels derive from counts, never stored alone: majority per dimension; a tie goes to the most recent vote
 * on that dimension (from `votes`, which needs only the latest vote per dimension). The overall `feedback`
 * is the majority over both dimensions combined, ties to the most recent vote of either dimension.
 */
export function deriveFeedbackLabels(counts: FeedbackCounts, votes: readonly TimedVote[] = []): FeedbackLabels {
  const { content, form } = counts;
  return {
    contentFeedback: majority(content.positive, content.negative, latest(votes, 'content')),
    formFeedback: majority(form.positive, form.negative, latest(votes, 'form')),
    feedback: majority(content.positive + form.positive, content.negative + form.negative, latest(votes)),
  };
}

/** Adds votes to counts (pure); `lastVoteAt` becomes the latest of the old value and the new votes. */
export function addVotes(counts: FeedbackCounts, votes: readonly TimedVote[]): FeedbackCounts {
  const next: FeedbackCounts = {
    content: { ...counts.content },
    form: { ...counts.form },
    lastVoteAt: counts.lastVoteAt,
  };
  for (const v of votes) {
    next[v.dimension][v.polarity] += 1;
    if (next.lastVoteAt === null || v.at > next.lastVoteAt) next.lastVoteAt = v.at;
  }
  return next;
}

/**
 * What a store calls inside its read-modify-write of a vote: `current` is the stored pattern, `votes` the new
 * votes (stamped with the request time), `latestVotes` the latest stored vote per dimension with the new ones
 * included, oldest first. The store persists exactly what it returns.
 */
export type FeedbackRule = (current: InstancePattern, votes: readonly TimedVote[], latestVotes: readonly TimedVote[]) => InstancePattern;

/** The rule (pure): counts grow by the votes, labels are derived from the counts, `updatedAt` is the votes' time. */
export const applyVotes: FeedbackRule = (current, votes, latestVotes) => {
  const counts = addVotes(current.feedbackCounts, votes);
  return { ...current, ...deriveFeedbackLabels(counts, latestVotes), feedbackCounts: counts, updatedAt: votes[votes.length - 1]?.at ?? current.updatedAt };
};
