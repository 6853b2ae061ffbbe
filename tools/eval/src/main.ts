import { SEARCH_MODES, type InstancePattern } from '@motif/core-types';
import { defaultFusion, type HybridSearcherOptions } from '@motif/vector-store';
import { loadPatternEntries, loadQueries, toInstancePattern, type EvalQuery } from './dataset';
import { EvalIndex, type EvalEmbedder, type EvalRow } from './evaluate';

/** The embedders Motif ships, each evaluated with the library defaults it gets. */
export const EMBEDDERS: Array<{ name: string; embedder: EvalEmbedder }> = [
  { name: 'use-lite (default)', embedder: { kind: 'use-lite' } },
  { name: 'hashing', embedder: { kind: 'hashing' } },
];

interface Candidate {
  name: string;
  searcher: Omit<HybridSearcherOptions, 'parseDsl'>;
}

/** The fusion settings searched on the tuning split (hybrid mode). */
export function tuningGrid(): Candidate[] {
  const out: Candidate[] = [];
  for (const description of [1, 2])
    for (const params of [0, 0.25, 0.5])
      for (const lexical of [0.5, 1, 1.5])
        for (const rrfK of [10, 30, 60])
          for (const relativeDenseFloor of [0, 0.5, 0.7]) {
            out.push({
              name: `d${description} p${params} l${lexical} k${rrfK} floor${relativeDenseFloor}`,
              searcher: { weights: { description, params, lexical, structure: 1, structural: 1 }, rrfK, relativeDenseFloor },
            });
          }
  return out;
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
const better = (a: EvalRow, b: EvalRow): boolean => a.mrr > b.mrr + 1e-9 || (Math.abs(a.mrr - b.mrr) <= 1e-9 && a.recallAt1 > b.recallAt1);

function table(rows: ReadonlyArray<EvalRow & { split: string }>): string {
  const head = '| embedder | embedder id | split | mode | queries | recall@1 | recall@5 | MRR |';
  const sep = '|---|---|---|---|---:|---:|---:|---:|';
  const lines = rows.map((r) => `| ${r.variant} | \`${r.embedderId}\` | ${r.split} | ${r.mode} | ${r.queries} | ${pct(r.recallAt1)}% | ${pct(r.recallAt5)}% | ${r.mrr.toFixed(3)} |`);
  return [head, sep, ...lines].join('\n');
}

async function main(): Promise<void> {
  const tuneOnly = process.argv.includes('--tune');
  const entries = loadPatternEntries();
  const queries = loadQueries();
  const patterns: InstancePattern[] = entries.map((e, i) => toInstancePattern(e, i));
  const keys = new Set(patterns.map((p) => p.patternId));
  const unknown = queries.filter((q) => !keys.has(q.expected));
  if (unknown.length) throw new Error(`queries expect unknown patterns: ${unknown.map((q) => q.expected).join(', ')}`);
  const tuning = queries.filter((q) => q.split === 'tuning');
  const heldout = queries.filter((q) => q.split === 'heldout');
  const out = (s: string) => process.stdout.write(s);
  out(`Motif retrieval evaluation — ${patterns.length} patterns, ${queries.length} queries: ${tuning.length} tuning, ${heldout.length} held-out `);
  out(`(${queries.filter((q) => q.query.startsWith('I ')).length} request-style, ${queries.filter((q) => q.dsl).length} with a DSL hint)\n\n`);

  const report: Array<EvalRow & { split: string }> = [];
  for (const { name, embedder } of EMBEDDERS) {
    const index = await EvalIndex.build(embedder, patterns);
    try {
      out(`${name}: ${index.embedders.id}, ${patterns.length} patterns embedded and stored in ${index.indexMs.toFixed(0)} ms\n`);
      if (tuneOnly) {
        // Tuning: only the tuning split is ever searched here.
        let best: { row: EvalRow; c: Candidate } | undefined;
        for (const c of tuningGrid()) {
          const [row] = await index.evaluate(c.name, tuning, ['hybrid'], c.searcher);
          if (!best || better(row, best.row)) best = { row, c };
        }
        if (best) out(`  best on tuning (hybrid): ${best.c.name} → recall@1 ${pct(best.row.recallAt1)}%, recall@5 ${pct(best.row.recallAt5)}%, MRR ${best.row.mrr.toFixed(3)}\n`);
        const [current] = await index.evaluate('library defaults', tuning, ['hybrid']);
        out(`  library defaults on tuning (hybrid): recall@1 ${pct(current.recallAt1)}%, recall@5 ${pct(current.recallAt5)}%, MRR ${current.mrr.toFixed(3)}\n`);
        out(`  library defaults: ${JSON.stringify(defaultFusion(index.embedders.id))}\n`);
        continue;
      }
      // The library defaults (no override): the figures docs/eval.md reports, held-out first.
      for (const [split, set] of [['held-out', heldout], ['tuning', tuning]] as Array<[string, EvalQuery[]]>) {
        for (const row of await index.evaluate(name, set, SEARCH_MODES)) report.push({ ...row, split });
      }
    } finally {
      await index.close();
    }
  }
  if (!tuneOnly) out(`\n${table(report)}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`eval failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
