import type { FeedbackCounts } from '@motif/core-types';

/** Pseudo-votes (each polarity) that keep few real votes from swinging the prior. */
export const PRIOR_PSEUDO_VOTES = 2;
/** No prior reaches it (d < 1 below): a search's score is under its relevance, which bounds what a candidate can score. */
export const MAX_FEEDBACK_PRIOR = 1;
/** Prior of a pattern with no votes (or balanced votes): neutral, so ranking among them is pure relevance. */
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

/**
 * Feedback prior in (0, 1], multiplying relevance. With P positive and N negative votes over both dimensions
 * and m = 2 pseudo-votes each way:
 *   d = wilson(P + m, P + N + 2m) − wilson(N + m, P + N + 2m)      ∈ (−1, 1), 0 when P = N
 *   prior = 0.75 + 0.25 · d    when d ≥ 0
 *   prior = 0.75 · (1 + d)     when d < 0
 * Unrated (and balanced) = 0.75 exactly. Lower bounds reward evidence: 10 positive votes lift more than 1,
 * and consistent negative votes push the prior toward 0 (negatives can also be excluded by filter).
 */
export function feedbackPrior(counts: FeedbackCounts): number {
  const positive = counts.content.positive + counts.form.positive;
  const negative = counts.content.negative + counts.form.negative;
  const n = positive + negative + 2 * PRIOR_PSEUDO_VOTES;
  const d = wilsonLowerBound(positive + PRIOR_PSEUDO_VOTES, n) - wilsonLowerBound(negative + PRIOR_PSEUDO_VOTES, n);
  return d >= 0 ? NEUTRAL_PRIOR + (1 - NEUTRAL_PRIOR) * d : NEUTRAL_PRIOR * (1 + d);
}
