import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DENSE_VECTOR_NAMES } from '@motif/core-types';
import { EmbeddedPatternStore, HybridSearcher, INDEX_SNAPSHOT_FILE, PatternIndexer, vectorLayoutsOf } from '@motif/vector-store';
import type { BenchContext, BenchRow } from '../bench-types';
import { latencies, mb, percentile } from '../measure';
import { ProjectedEmbedder } from './projected-embedder';
import { QUERIES, alternatingTrials, buildStore, denseRecallAt10, measureOpenInChild, median, memoEmbedder, recallQueries, searchLatencies, spread } from './store-bench';

const SUITE = 'store';

/**
 * Issue 18 point 2: HNSW graphs and the sign-bit pre-selection against the exact Int8 row scan, with every vector
 * dense (ProjectedEmbedder: three dense signals, where use-lite has one; the 3 ms target is the dense suite's).
 * Every store reads the same database in this run; the baselines never write (snapshots off), so the snapshot and
 * graph files stay the ANN store's.
 */
export async function annRows(ctx: BenchContext, large: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const embedder = new ProjectedEmbedder(384);
  const indexer = new PatternIndexer(embedder);
  ctx.log(`HNSW: building a dense-vector store of ${large} patterns`);
  const built = await buildStore(ctx, indexer, embedder, large);
  await built.store.close();
  const { dir, records } = built;

  // Graphs are opt-in: the suite sets the threshold they were measured to pay off at (20k), or a quick run's size.
  const annMinRows = Math.min(20_000, large);
  const ann = new EmbeddedPatternStore({ dataDir: dir, embedder, eagerIndex: true, annMinRows });
  await ann.init(); // rebuilds the memory index from SQLite and writes the snapshot; the graphs start in the background
  ctx.log(`HNSW: building the graphs (3 × ${large})`);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  if (!(await ann.buildAnnIndex())) throw new Error(`HNSW graphs not built: ${JSON.stringify(ann.annStatus)}`);
  const buildMs = performance.now() - t0;
  const buildCpu = process.cpuUsage(c0);
  const manifest = join(dir, INDEX_SNAPSHOT_FILE) + '.hnsw';
  const graphBytes = DENSE_VECTOR_NAMES.reduce((s, k) => s + statSync(`${manifest}.${k}`).size, 0);
  const snapshotBytes = statSync(join(dir, INDEX_SNAPSHOT_FILE)).size;
  // The baselines rebuild from SQLite (snapshots off) so the snapshot stays the ANN store's: the exact Int8 row scan,
  // and the sign-bit pre-selection every dense vector gets by default.
  const exact = new EmbeddedPatternStore({ dataDir: dir, embedder, eagerIndex: true, annMinRows: Infinity, indexSnapshot: false, densePrefilter: { minRows: Infinity } });
  const tx = performance.now();
  await exact.init();
  const rebuildMs = performance.now() - tx;
  rows.push({ suite: SUITE, name: `HNSW build of 3 graphs (M 32, efC 200) + save beside the snapshot, dense 384-d, ${large}`, value: buildMs, unit: 'ms', baselineName: 'memory index rebuild from SQLite (exact scan ready)', baselineValue: rebuildMs, ratio: buildMs / rebuildMs, note: `CPU ${((buildCpu.user + buildCpu.system) / 1000).toFixed(0)} ms; once per import (then read from the files); built in the background while searches scan exactly` });
  rows.push({ suite: SUITE, name: `HNSW graph files (3 signals), ${large}`, value: mb(graphBytes), unit: 'MB', baselineName: 'the index snapshot (motif.index)', baselineValue: mb(snapshotBytes), ratio: graphBytes / snapshotBytes, note: 'float32 vectors + links; lower is better' });

  const prefilter = new EmbeddedPatternStore({ dataDir: dir, embedder, eagerIndex: true, annMinRows: Infinity, indexSnapshot: false });
  await prefilter.init();

  // Hybrid search with a cached query embedding, alternating trials: graphs and sign bits against the exact scan (same data).
  const cached = memoEmbedder(embedder);
  const iterations = ctx.quick ? 50 : 300;
  const trials = await alternatingTrials({ ann, prefilter, exact }, cached, ctx.quick ? 2 : 3, iterations, 'exact');
  const routes = ann.annStatus.routes;
  const annP50 = median(trials.ann.p50);
  const exactP50 = median(trials.exact.p50);
  const prefilterP50 = median(trials.prefilter.p50);
  rows.push({ suite: SUITE, name: `hybrid search p50, cached query embedding, sign-bit pre-selection, dense 384-d (all 3 vectors), ${large}`, value: prefilterP50, unit: 'ms', baselineName: 'the same over the exact SIMD Int8 row scan', baselineValue: exactP50, ratio: prefilterP50 / exactP50, note: `median of ${trials.prefilter.p50.length} ${spread(trials.prefilter.p50)}; three dense signals (the projected stand-in for every vector; use-lite has one: see the dense suite); lower is better` });
  rows.push({ suite: SUITE, name: `hybrid search p50, cached query embedding, HNSW, dense 384-d, ${large}`, value: annP50, unit: 'ms', baselineName: 'the same over the exact SIMD Int8 row scan', baselineValue: exactP50, ratio: annP50 / exactP50, note: `median of ${trials.ann.p50.length} ${spread(trials.ann.p50)} (exact ${spread(trials.exact.p50)}); graph routes ${routes.ann + routes['ann-filtered']}, exact ${routes.exact}; lower is better` });
  rows.push({ suite: SUITE, name: `hybrid search p99, cached query embedding, HNSW, dense 384-d, ${large}`, value: median(trials.ann.p99), unit: 'ms', baselineName: 'the same over the exact SIMD Int8 row scan', baselineValue: median(trials.exact.p99), ratio: median(trials.ann.p99) / median(trials.exact.p99), note: `${spread(trials.ann.p99)} (exact ${spread(trials.exact.p99)}); lower is better` });
  rows.push({ suite: SUITE, name: `hybrid search CPU time per search (mean), cached query embedding, HNSW, dense 384-d, ${large}`, value: median(trials.ann.cpu), unit: 'ms', baselineName: 'the same over the exact SIMD Int8 row scan', baselineValue: median(trials.exact.cpu), ratio: median(trials.ann.cpu) / median(trials.exact.cpu), note: `user + system CPU of this process; ${spread(trials.ann.cpu)} (exact ${spread(trials.exact.cpu)})` });

  await prefilter.close();
  const denseOne = (store: EmbeddedPatternStore) => (i: number) => store.search({ namespace: 'bench', prefetchLimit: 50, dense: { description: cached.embedSync(QUERIES[i % QUERIES.length]) }, filter: {} });
  const oneAnn = await latencies(ctx.quick ? 50 : 200, denseOne(ann));
  const oneExact = await latencies(ctx.quick ? 20 : 50, denseOne(exact));
  rows.push({ suite: SUITE, name: `one dense signal top-50 p50, HNSW (efSearch 800), dense 384-d, ${large}`, value: percentile(oneAnn, 50), unit: 'ms', baselineName: 'exact SIMD Int8 row scan', baselineValue: percentile(oneExact, 50), ratio: percentile(oneAnn, 50) / percentile(oneExact, 50), note: 'cached query vector; includes fusion and the row fetch; lower is better' });

  const queries = recallQueries(ctx.quick ? 10 : 40);
  const annRecall = await denseRecallAt10(ann, embedder, records, queries);
  const exactRecall = await denseRecallAt10(exact, embedder, records, queries);
  rows.push({ suite: SUITE, name: `dense recall@10 of HNSW (efSearch 800) against the float32 exact scan, dense 384-d, ${large}`, value: annRecall.recall, unit: 'ratio', baselineName: 'recall@10 of the exact Int8 row scan (same queries)', baselineValue: exactRecall.recall, ratio: annRecall.recall / exactRecall.recall, target: '>= 0.98', pass: annRecall.recall >= 0.98, note: `description vector, ${queries.length} queries not used for tuning; ties with the exact 10th score count as hits; ${(annRecall.nearMisses * 100).toFixed(0)} % of the misses within 1 % of the exact 10th` });
  await exact.close();
  await ann.close();

  // The recall/latency knob: the same graphs (read from the files) searched with a smaller and a larger efSearch.
  for (const efSearch of [400, 1600]) {
    const store = new EmbeddedPatternStore({ dataDir: dir, embedder, eagerIndex: true, annMinRows, hnsw: { efSearch } });
    await store.init();
    if (store.annStatus.state !== 'ready') throw new Error(`HNSW graphs not read back: ${JSON.stringify(store.lastLoad)}`);
    const searcher = new HybridSearcher(store, cached);
    await searchLatencies(searcher, 10);
    const lat = await searchLatencies(searcher, iterations);
    const r = await denseRecallAt10(store, embedder, records, queries);
    rows.push({ suite: SUITE, name: `dense recall@10 of HNSW at efSearch ${efSearch}, dense 384-d, ${large}`, value: r.recall, unit: 'ratio', baselineName: 'recall@10 of the exact Int8 row scan (same queries)', baselineValue: exactRecall.recall, ratio: r.recall / exactRecall.recall, target: '>= 0.98', pass: r.recall >= 0.98, note: `hybrid p50 at this efSearch ${percentile(lat, 50).toFixed(2)} ms (efSearch 800: ${annP50.toFixed(2)} ms, exact scan ${exactP50.toFixed(2)} ms)` });
    await store.close();
  }

  // Open in a fresh process: snapshot + graph files against the snapshot alone (graphs off).
  const recorded = { id: embedder.id, layouts: vectorLayoutsOf(embedder) };
  const withGraphs = measureOpenInChild(dir, embedder.dimension, true, { recorded, annMinRows });
  const without = measureOpenInChild(dir, embedder.dimension, true, { recorded, annMinRows: Infinity });
  rows.push({ suite: SUITE, name: `open (init + index load) from the snapshot + HNSW files, ${large}`, value: withGraphs.openMs, unit: 'ms', baselineName: 'open from the snapshot alone (graphs off)', baselineValue: without.openMs, ratio: withGraphs.openMs / without.openMs, note: `fresh process; graphs ${withGraphs.ann?.source ?? 'none'} (${withGraphs.annState}); CPU ${withGraphs.cpuMs.toFixed(0)} ms (without ${without.cpuMs.toFixed(0)} ms); RSS delta ${mb(withGraphs.rssDelta)} MB (without ${mb(without.rssDelta)} MB); lower is better` });
  return rows;
}
