import { dslProblems, loadPatternEntries, loadQueries, toInstancePattern } from './dataset';
import { evaluateVariant } from './evaluate';

/**
 * Sanity floors on a slice of the data set (every pattern, every other query). Measured on the full set:
 * hybrid recall@5 97%, MRR 0.93; words-only semantic MRR 0.75. The floors sit well below to catch breakage
 * (a signal silently dropped, a tokenizer regression), not to pin exact numbers.
 */
describe('retrieval evaluation (slice)', () => {
  const entries = loadPatternEntries();
  const queries = loadQueries();
  const patterns = entries.map((e, i) => toInstancePattern(e, i));

  it('ships at least 60 patterns and 60 queries, each query pointing at a stored pattern', () => {
    expect(patterns.length).toBeGreaterThanOrEqual(60);
    expect(queries.length).toBeGreaterThanOrEqual(60);
    const keys = new Set(patterns.map((p) => p.patternId));
    expect(keys.size).toBe(patterns.length);
    expect(queries.filter((q) => !keys.has(q.expected))).toEqual([]);
    expect(new Set(patterns.map((p) => p.componentPaths[0])).size).toBeGreaterThan(1);
  });

  it('uses only structures valid in the google-chat-cards-v2 catalog', () => {
    const problems = [...entries.map((e) => [e.key, e.dsl]), ...queries.filter((q) => q.dsl).map((q) => [q.query, q.dsl as string])]
      .map(([what, dsl]) => [what, dslProblems(dsl)] as const)
      .filter(([, issues]) => issues.length > 0);
    expect(problems).toEqual([]);
  });

  it('hybrid search clears the recall@5 and MRR floors, and beats words-only semantic search', async () => {
    const slice = queries.filter((_, i) => i % 2 === 0);
    const [hybrid] = await evaluateVariant({ name: 'hashing', embedder: { kind: 'hashing' } }, patterns, slice, ['hybrid']);
    expect(hybrid.queries).toBe(slice.length);
    expect(hybrid.recallAt5).toBeGreaterThanOrEqual(0.85);
    expect(hybrid.mrr).toBeGreaterThanOrEqual(0.75);
    const [wordsOnly] = await evaluateVariant({ name: 'words only', embedder: { kind: 'hashing', options: { charNgrams: [], stem: false, stopwords: false } } }, patterns, slice, ['semantic']);
    expect(hybrid.mrr).toBeGreaterThan(wordsOnly.mrr);
  });

  it('structure mode finds the pattern of a DSL hint first', async () => {
    const withDsl = queries.filter((q) => q.dsl);
    expect(withDsl.length).toBeGreaterThanOrEqual(10);
    const [structure] = await evaluateVariant({ name: 'hashing', embedder: { kind: 'hashing' } }, patterns, withDsl, ['structure']);
    expect(structure.recallAt5).toBeGreaterThanOrEqual(0.7);
  });
});
