import { SEARCH_MODES } from '@motif/core-types';
import { loadPatternEntries, loadQueries, toInstancePattern } from './dataset';
import { evaluateVariant, type EvalRow, type EvalVariant } from './evaluate';

/** Embedder and fusion variants compared; the first is the library default. */
export const VARIANTS: EvalVariant[] = [
  { name: 'default (words+c3, stem, stop)', embedder: {} },
  { name: 'words only', embedder: { charNgrams: [], stem: false, stopwords: false } },
  { name: 'words, stem+stop', embedder: { charNgrams: [] } },
  { name: 'words+c3, no stem/stop', embedder: { stem: false, stopwords: false } },
  { name: 'words+c3+c4', embedder: { charNgrams: [3, 4] } },
  { name: 'words+c3 n-gram weight 0.5', embedder: { ngramWeight: 0.5 } },
  { name: 'words+c3+bigrams', embedder: { wordBigrams: true } },
  { name: 'words+c3, 768-d', embedder: { dimension: 768 } },
  { name: 'default, params weight 1', embedder: {}, searcher: { weights: { params: 1 } } },
  { name: 'default, params weight 0.25', embedder: {}, searcher: { weights: { params: 0.25 } } },
  { name: 'default, lexical weight 1.5', embedder: {}, searcher: { weights: { lexical: 1.5 } } },
  { name: 'default, lexical weight 2', embedder: {}, searcher: { weights: { lexical: 2 } } },
  { name: 'default, RRF k = 10', embedder: {}, searcher: { rrfK: 10 } },
  { name: 'default, RRF k = 20', embedder: {}, searcher: { rrfK: 20 } },
  { name: 'default, RRF k = 120', embedder: {}, searcher: { rrfK: 120 } },
  { name: 'default, no dense gates', embedder: {}, searcher: { minDenseScore: -1, relativeDenseFloor: 0 } },
];

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);

function table(rows: readonly EvalRow[]): string {
  const head = '| variant | embedder id | mode | queries | recall@1 | recall@5 | MRR |';
  const sep = '|---|---|---|---:|---:|---:|---:|';
  const lines = rows.map((r) => `| ${r.variant} | \`${r.embedderId}\` | ${r.mode} | ${r.queries} | ${pct(r.recallAt1)}% | ${pct(r.recallAt5)}% | ${r.mrr.toFixed(3)} |`);
  return [head, sep, ...lines].join('\n');
}

async function main(): Promise<void> {
  const entries = loadPatternEntries();
  const queries = loadQueries();
  const patterns = entries.map((e, i) => toInstancePattern(e, i));
  const keys = new Set(patterns.map((p) => p.patternId));
  const unknown = queries.filter((q) => !keys.has(q.expected));
  if (unknown.length) throw new Error(`queries expect unknown patterns: ${unknown.map((q) => q.expected).join(', ')}`);
  const rows: EvalRow[] = [];
  for (const variant of VARIANTS) rows.push(...(await evaluateVariant(variant, patterns, queries, SEARCH_MODES)));
  process.stdout.write(`Motif retrieval evaluation — ${patterns.length} patterns, ${queries.length} queries (${queries.filter((q) => q.dsl).length} with a DSL hint)\n\n`);
  process.stdout.write(`${table(rows)}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`eval failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
