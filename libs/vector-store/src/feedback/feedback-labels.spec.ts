import { emptyFeedbackCounts, type FeedbackCounts } from '@motif/core-types';
import { addVotes, deriveFeedbackLabels } from './feedback-labels';

const counts = (cp: number, cn: number, fp: number, fn: number): FeedbackCounts => ({
  content: { positive: cp, negative: cn },
  form: { positive: fp, negative: fn },
  lastVoteAt: null,
});

describe('deriveFeedbackLabels', () => {
  it('is null without votes and follows the majority per dimension', () => {
    expect(deriveFeedbackLabels(emptyFeedbackCounts())).toEqual({ feedback: null, contentFeedback: null, formFeedback: null });
    expect(deriveFeedbackLabels(counts(3, 1, 0, 1))).toEqual({ feedback: 'positive', contentFeedback: 'positive', formFeedback: 'negative' });
  });

  it('breaks ties with the most recent vote of that dimension, and overall with the most recent of either', () => {
    const votes = [
      { dimension: 'form' as const, polarity: 'negative' as const, at: '2026-01-01T00:00:01Z' },
      { dimension: 'content' as const, polarity: 'positive' as const, at: '2026-01-01T00:00:02Z' },
    ];
    expect(deriveFeedbackLabels(counts(1, 1, 2, 2), votes)).toEqual({ feedback: 'positive', contentFeedback: 'positive', formFeedback: 'negative' });
    expect(deriveFeedbackLabels(counts(3, 1, 0, 2)).feedback).toBeNull();
    expect(deriveFeedbackLabels(counts(1, 1, 0, 0), [])).toEqual({ feedback: null, contentFeedback: null, formFeedback: null });
  });
});

describe('addVotes', () => {
  it('increments counts and keeps the latest vote time without mutating its input', () => {
    const start = emptyFeedbackCounts();
    const next = addVotes(start, [
      { dimension: 'content', polarity: 'positive', at: '2026-01-02T00:00:00Z' },
      { dimension: 'content', polarity: 'positive', at: '2026-01-01T00:00:00Z' },
      { dimension: 'form', polarity: 'negative', at: '2026-01-01T00:00:00Z' },
    ]);
    expect(next).toEqual({ content: { positive: 2, negative: 0 }, form: { positive: 0, negative: 1 }, lastVoteAt: '2026-01-02T00:00:00Z' });
    expect(start).toEqual(emptyFeedbackCounts());
  });
});
