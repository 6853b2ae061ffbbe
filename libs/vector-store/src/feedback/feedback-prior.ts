import type { FeedbackCounts } from '@motif/core-types';

/** Pseudo-votes (each polarity) that keep few real votes from swinging the prior. */
export const PRIOR_PSEUDO_VOTES = 2;
/** Prior of a pattern with no votes: neutral, so ranking among unrated patterns is pure relevance. */
export const NEUTRAL_PRIOR = 0.75;
const Z = 1.96;

/** Wilson score interval lower bound of a share `positive / n` at z = 1.96. */
export function wilsonLowerBound(positive: number, n: number): number {
  if (n <= 0) return 0;
  const p = positive / n;
  const z2 = Z * Z;
  const centre = p + z2 / (2 * n);
  const spread = Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - spread) / (1 + z2 / n));
}

const LB0 = wilsonLowerBound(PRIOR_PSEUDO_VOTES, 2 * PRIOR_PSEUDO_VOTES);

/**
 * Feedback prior in (0, 1], multiplying relevance. With P positive and N negative votes over both dimensions:
 *   lb  = Wilson lower bound (z = 1.96) of (P + 2) / (P + N + 4)   — two pseudo-votes each way
 *   lb0 = the same with P = N = 0
 *   prior = 0.75 + 0.25 · (lb − lb0) / (1 − lb0)   when lb ≥ lb0 (more positive than neutral)
 *   prior = 0.75 · lb / lb0                        otherwise
 * Unrated = 0.75 exactly; it rises toward 1 with consistent positive votes and falls toward 0 with negatives,
 * and the lower bound rewards evidence: 10 positive votes weigh more than 1.
 */
export function feedbackPrior(counts: FeedbackCounts): number {
  const positive = counts.content.positive + counts.form.positive;
  const negative = counts.content.negative + counts.form.negative;
  const lb = wilsonLowerBound(positive + PRIOR_PSEUDO_VOTES, positive + negative + 2 * PRIOR_PSEUDO_VOTES);
  if (lb >= LB0) return NEUTRAL_PRIOR + (1 - NEUTRAL_PRIOR) * ((lb - LB0) / (1 - LB0));
  return NEUTRAL_PRIOR * (lb / LB0);
}
