import { emptyFeedbackCounts, type FeedbackCounts } from '@motif/core-types';
import { feedbackPrior, NEUTRAL_PRIOR, wilsonLowerBound } from './feedback-prior';

const votes = (pos: number, neg: number): FeedbackCounts => ({ content: { positive: pos, negative: neg }, form: { positive: 0, negative: 0 }, lastVoteAt: null });

describe('wilsonLowerBound', () => {
  it('matches the textbook value and is 0 without observations', () => {
    // 8 of 10 at z = 1.96 → 0.4902
    expect(wilsonLowerBound(8, 10)).toBeCloseTo(0.4902, 3);
    expect(wilsonLowerBound(0, 0)).toBe(0);
  });
});

describe('feedbackPrior', () => {
  it('is neutral without votes and with balanced votes', () => {
    expect(feedbackPrior(emptyFeedbackCounts())).toBeCloseTo(NEUTRAL_PRIOR, 10);
  });

  it('rises with positive evidence, falls with negative, stays in (0, 1]', () => {
    const p1 = feedbackPrior(votes(1, 0));
    const p10 = feedbackPrior(votes(10, 0));
    const n1 = feedbackPrior(votes(0, 1));
    const n10 = feedbackPrior(votes(0, 10));
    expect(p1).toBeGreaterThan(NEUTRAL_PRIOR);
    expect(p10).toBeGreaterThan(p1);
    expect(p10).toBeLessThanOrEqual(1);
    expect(n1).toBeLessThan(NEUTRAL_PRIOR);
    expect(n10).toBeLessThan(n1);
    expect(n10).toBeGreaterThan(0);
    // Mixed votes sit between; more evidence at the same share moves further from neutral.
    expect(feedbackPrior(votes(5, 5))).toBeCloseTo(NEUTRAL_PRIOR, 10);
    expect(p1).toBeGreaterThan(feedbackPrior(votes(6, 5)));
    expect(feedbackPrior(votes(40, 10))).toBeGreaterThan(feedbackPrior(votes(4, 1)));
  });

  it('counts both dimensions', () => {
    const both: FeedbackCounts = { content: { positive: 2, negative: 0 }, form: { positive: 2, negative: 0 }, lastVoteAt: null };
    expect(feedbackPrior(both)).toBeCloseTo(feedbackPrior(votes(4, 0)), 10);
  });
});
