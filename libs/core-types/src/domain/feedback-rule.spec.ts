import { emptyFeedbackCounts, type FeedbackCounts } from './feedback';
import { addVotes, applyVotes, deriveFeedbackLabels } from './feedback-rule';
import type { InstancePattern } from './pattern';

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

describe('applyVotes', () => {
  it('adds the votes to the counts, derives the labels with the latest votes as tie-break and stamps updatedAt', () => {
    const current = { patternId: 'p', feedback: null, contentFeedback: null, formFeedback: null, feedbackCounts: counts(1, 0, 0, 0), updatedAt: '2026-01-01T00:00:00Z' } as unknown as InstancePattern;
    const at = '2026-01-03T00:00:00Z';
    const votes = [{ dimension: 'content' as const, polarity: 'negative' as const, at }];
    const latest = [{ dimension: 'form' as const, polarity: 'positive' as const, at: '2026-01-02T00:00:00Z' }, ...votes];
    const next = applyVotes(current, votes, latest);
    expect(next.feedbackCounts).toEqual({ content: { positive: 1, negative: 1 }, form: { positive: 0, negative: 0 }, lastVoteAt: at });
    // content 1:1 → the latest content vote (negative); overall 1:1 → the latest of either (negative).
    expect([next.contentFeedback, next.formFeedback, next.feedback]).toEqual(['negative', null, 'negative']);
    expect(next.updatedAt).toBe(at);
    expect(next.patternId).toBe('p');
    expect(current.feedbackCounts).toEqual(counts(1, 0, 0, 0));
  });
});
