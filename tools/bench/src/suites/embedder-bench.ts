import { performance } from 'node:perf_hooks';
import type { EmbedderSet } from '@motif/core-types';
import { CachedEmbedder, createEmbedderSet, EmbeddedPatternStore, HashingEmbedder, HybridSearcher, PatternIndexer, UseLiteEmbedder, uniformEmbedderSet, vectorLayoutsOf } from '@motif/vector-store';
import type { BenchContext, BenchRow, BenchSuite } from '../bench-types';
import { latencies, mb, percentile } from '../measure';
import { syntheticPattern } from './store-bench';

const SUITE = 'embedder';
const SUBJECTS = ['server', 'invoice', 'expense', 'meeting', 'flight', 'incident', 'backup', 'order', 'deploy', 'survey'];
const ASKS = ['card that shows', 'panel for', 'I need a card to approve', 'summary of', 'notice about'];
/** Distinct query sentences (no LRU hit among them). */
const freshQuery = (i: number): string => `${ASKS[i % ASKS.length]} the ${SUBJECTS[(i * 7) % SUBJECTS.length]} ${i} with details`;

/** Embeds and stores `n` synthetic patterns, 500 per transaction, without holding their records. */
async function importSynthetic(store: EmbeddedPatternStore, indexer: PatternIndexer, n: number): Promise<void> {
  for (let i = 0; i < n; i += 500) await store.putMany(await indexer.toRecords(Array.from({ length: Math.min(500, n - i) }, (_, j) => syntheticPattern(i + j))));
}

/**
 * The use-lite model (in-process TF.js WASM backend) beside the hashing embedder, both measured in this run:
 * load, first call, one sentence, a batch of 40, memory, import throughput with embedding, and hybrid search at
 * 10k patterns with the query embedding included (fresh and from the query LRU). 100k patterns of real use-lite
 * vectors, and their memory: the dense suite.
 */
export const embedderBench: BenchSuite = {
  name: SUITE,
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const hashing = new HashingEmbedder({ dimension: 512 });
    const model = new UseLiteEmbedder();
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    await model.load();
    const loadMs = performance.now() - t0;
    const t1 = performance.now();
    await model.embed('warm-up sentence for the first call');
    const firstMs = performance.now() - t1;
    const rssModel = process.memoryUsage().rss - rss0;
    rows.push({ suite: SUITE, name: 'use-lite model load (require + weights, in-process)', value: loadMs, unit: 'ms', note: `TF.js backend ${await model.backend()}; lower is better` });
    rows.push({ suite: SUITE, name: 'use-lite first embedding after load', value: firstMs, unit: 'ms', note: 'graph warm-up; lower is better' });
    const n1 = ctx.quick ? 10 : 60;
    const single = await latencies(n1, (i) => model.embed(freshQuery(i)));
    const singleHash = await latencies(n1, (i) => hashing.embed(freshQuery(i)));
    rows.push({ suite: SUITE, name: 'one sentence, p50', value: percentile(single, 50), unit: 'ms', baselineName: 'hashing embedder, 512-d', baselineValue: percentile(singleHash, 50), ratio: percentile(single, 50) / percentile(singleHash, 50), note: 'lower is better' });
    const batch = Array.from({ length: 40 }, (_, i) => freshQuery(1000 + i));
    const batchL = await latencies(ctx.quick ? 2 : 5, () => model.embedBatch(batch));
    const batchHash = await latencies(ctx.quick ? 2 : 5, () => hashing.embedBatch(batch));
    rows.push({ suite: SUITE, name: 'batch of 40 sentences, per sentence (median batch)', value: percentile(batchL, 50) / 40, unit: 'ms', baselineName: 'hashing embedder, 512-d', baselineValue: percentile(batchHash, 50) / 40, ratio: percentile(batchL, 50) / percentile(batchHash, 50), note: 'lower is better' });
    rows.push({ suite: SUITE, name: 'RSS growth from loading use-lite and embedding', value: mb(process.memoryUsage().rss - rss0), unit: 'MB', baselineName: 'right after the first embedding', baselineValue: mb(rssModel), note: 'process RSS, includes the WASM heap' });

    // Import with embedding: PatternIndexer (one model batch per vector) + putMany, 500 per transaction.
    const importOf = async (set: EmbedderSet, n: number): Promise<number> => {
      const store = new EmbeddedPatternStore({ dataDir: ctx.tmpDir(), embedder: set });
      await store.init();
      const indexer = new PatternIndexer(set);
      const t = performance.now();
      await importSynthetic(store, indexer, n);
      const s = (performance.now() - t) / 1000;
      await store.close();
      return n / s;
    };
    const useLite = createEmbedderSet('use-lite');
    const nImport = ctx.quick ? 200 : 1000;
    const importUse = await importOf(useLite, nImport);
    const importHash = await importOf(uniformEmbedderSet(new HashingEmbedder()), nImport);
    rows.push({ suite: SUITE, name: `import with use-lite embedding, ${nImport} patterns`, value: importUse, unit: 'patterns/s', baselineName: 'the same with the hashing embedder', baselineValue: importHash, ratio: importUse / importHash, target: '>= 500/s', pass: importUse >= 500, note: 'higher is better' });

    // Search at 10k: the store holds 512-d vectors, the description in rows as a use-lite store does (hashed content
    // here: under the pre-selection's 20k rows every row is scored, so the cost is the same for any 512-d content),
    // searched through the use-lite set, so the query is embedded by the model (fresh) or served by its LRU. 100k
    // with real use-lite vectors (where the content decides the pre-selection): the dense suite.
    const hash512 = new HashingEmbedder({ dimension: 512 });
    const indexer512 = new PatternIndexer(uniformEmbedderSet(hash512));
    const nq = ctx.quick ? 10 : 50;
    for (const size of ctx.quick ? [2_000] : [10_000]) {
      const dir = ctx.tmpDir();
      const writer = new EmbeddedPatternStore({ dataDir: dir, embedder: hash512, vectorLayouts: vectorLayoutsOf(useLite) });
      await writer.init();
      await importSynthetic(writer, indexer512, size);
      await writer.warm?.();
      const searcher = new HybridSearcher(writer, useLite);
      const q = (text: string) => searcher.search({ query: text, namespace: 'bench', limit: 10, filter: {}, mode: 'hybrid', explain: false });
      const base = 5000 + size; // queries no earlier size has put in the LRU
      const fresh = await latencies(nq, (i) => q(freshQuery(base + i)));
      const cached = await latencies(nq * 4, (i) => q(freshQuery(base + (i % nq))));
      const cache = useLite.description as CachedEmbedder;
      const at10k = size === 10_000;
      rows.push({ suite: SUITE, name: `hybrid search p50, fresh query (use-lite embedding included), ${size}`, value: percentile(fresh, 50), unit: 'ms', baselineName: 'the same query from the LRU', baselineValue: percentile(cached, 50), ratio: percentile(fresh, 50) / percentile(cached, 50), target: at10k ? '<= 15 ms' : undefined, pass: at10k ? percentile(fresh, 50) <= 15 : undefined, note: 'lower is better' });
      rows.push({ suite: SUITE, name: `hybrid search p99, fresh query, ${size}`, value: percentile(fresh, 99), unit: 'ms', note: 'lower is better' });
      rows.push({ suite: SUITE, name: `hybrid search p50, cached query embedding, ${size}`, value: percentile(cached, 50), unit: 'ms', target: at10k ? '<= 2 ms' : undefined, pass: at10k ? percentile(cached, 50) <= 2 : undefined, note: `LRU hits ${cache.hits}, misses ${cache.misses} (cumulative); lower is better` });
      rows.push({ suite: SUITE, name: `hybrid search p99, cached query embedding, ${size}`, value: percentile(cached, 99), unit: 'ms', note: 'lower is better' });
      await writer.close();
    }
    return rows;
  },
};
