import { performance } from 'node:perf_hooks';
import { EmbeddedPatternStore, HashingEmbedder, PatternIndexer } from '@motif/vector-store';
import type { BenchContext, BenchRow, BenchSuite } from '../bench-types';
import { mb } from '../measure';
import { QUERIES, cliSearchWall, engineTrials, measureOpenInChild, median, spread, syntheticPattern } from './store-bench';

const SUITE = 'scale';

/** Imports `n` synthetic patterns in chunks (nothing but the current chunk is held in memory). */
async function buildStreaming(dir: string, embedder: HashingEmbedder, n: number, log: (m: string) => void): Promise<number> {
  const indexer = new PatternIndexer(embedder);
  const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
  await store.init();
  const t0 = performance.now();
  const chunk = 10_000;
  for (let i = 0; i < n; i += chunk) {
    const records = await indexer.toRecords(Array.from({ length: Math.min(chunk, n - i) }, (_, j) => syntheticPattern(i + j)));
    for (let k = 0; k < records.length; k += 500) await store.putMany(records.slice(k, k + 500));
    if ((i / chunk) % 10 === 9) log(`  ${i + chunk} patterns, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  await store.close();
  return performance.now() - t0;
}

/**
 * 1M synthetic patterns (bench-only: `npm run bench -- scale`, about 15 minutes here; `--quick` uses 200k):
 * open time, hybrid search p50/p99 and memory, each beside its baseline from the same run.
 */
export const scaleBench: BenchSuite = {
  name: SUITE,
  optIn: true,
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const n = ctx.quick ? 200_000 : 1_000_000;
    const embedder = new HashingEmbedder();
    const dir = ctx.tmpDir();
    ctx.log(`importing ${n} synthetic patterns`);
    const buildMs = await buildStreaming(dir, embedder, n, ctx.log);
    ctx.log('opening: full rebuild, first open (rebuild + snapshot), then from the snapshot ×3');
    const rebuilt = measureOpenInChild(dir, embedder.dimension, false);
    const first = measureOpenInChild(dir, embedder.dimension, true);
    const opened = [0, 1, 2].map(() => measureOpenInChild(dir, embedder.dimension, true));
    // What a hybrid text search over hashing vectors reads (description and params; structure stays in the file).
    const textOpens = [0, 1, 2].map(() => measureOpenInChild(dir, embedder.dimension, true, { warmVectors: ['description', 'params'] }));
    const openMs = opened.map((o) => o.openMs);
    const mid = opened.find((o) => o.openMs === median(openMs)) ?? opened[0];
    const rows: BenchRow[] = [
      { suite: SUITE, name: `import (3 embeddings + lexical + putMany), ${n}`, value: (n / buildMs) * 1000, unit: 'patterns/s', note: `${(buildMs / 1000).toFixed(0)} s in all; higher is better` },
      { suite: SUITE, name: `open (init + index load) from the snapshot, ${n}`, value: median(openMs), unit: 'ms', baselineName: 'full rebuild from SQLite', baselineValue: rebuilt.openMs, ratio: median(openMs) / rebuilt.openMs, note: `fresh process, median of 3, ${spread(openMs, 0)}; CPU ${mid.cpuMs.toFixed(0)} ms (rebuild ${rebuilt.cpuMs.toFixed(0)} ms); source ${mid.source}; lower is better` },
      { suite: SUITE, name: `open from the snapshot for a hybrid text search (index + description and params vectors), ${n}`, value: median(textOpens.map((o) => o.openMs)), unit: 'ms', baselineName: 'the same open loading every vector', baselineValue: median(openMs), ratio: median(textOpens.map((o) => o.openMs)) / median(openMs), note: `fresh process, median of 3, ${spread(textOpens.map((o) => o.openMs), 0)}; CPU ${median(textOpens.map((o) => o.cpuMs)).toFixed(0)} ms; RSS added ${mb(median(textOpens.map((o) => o.rssDelta)))} MB; lower is better` },
      { suite: SUITE, name: `first open after the import: rebuild + snapshot write, ${n}`, value: first.openMs, unit: 'ms', baselineName: 'full rebuild from SQLite', baselineValue: rebuilt.openMs, ratio: first.openMs / rebuilt.openMs, note: `once per import; ${first.reason ?? ''}` },
      { suite: SUITE, name: `memory added by open from the snapshot (RSS), ${n}`, value: mb(mid.rssDelta), unit: 'MB', baselineName: 'the same after a full rebuild', baselineValue: mb(rebuilt.rssDelta), ratio: mid.rssDelta / rebuilt.rssDelta, note: `heap + array buffers ${mb(mid.heapDelta)} MB (rebuild ${mb(rebuilt.heapDelta)} MB); index structures ${mb(mid.indexBytes)} MB; lower is better` },
    ];
    ctx.log('hybrid search: SIMD Int8 scan vs plain JS column scan, alternating trials');
    const t = await engineTrials(dir, embedder, 2, ctx.quick ? 50 : 100);
    rows.push(
      { suite: SUITE, name: `hybrid search p50, cached query embedding (SIMD Int8 scan), ${n}`, value: median(t.wasm.p50), unit: 'ms', baselineName: 'the same with the plain JS column scan (exact)', baselineValue: median(t.js.p50), ratio: median(t.wasm.p50) / median(t.js.p50), note: `${spread(t.wasm.p50)} (JS ${spread(t.js.p50)}); lower is better` },
      { suite: SUITE, name: `hybrid search p99, cached query embedding (SIMD Int8 scan), ${n}`, value: median(t.wasm.p99), unit: 'ms', baselineName: 'the same with the plain JS column scan (exact)', baselineValue: median(t.js.p99), ratio: median(t.wasm.p99) / median(t.js.p99), note: `${spread(t.wasm.p99)} (JS ${spread(t.js.p99)}); lower is better` },
    );
    rows.push({ suite: SUITE, name: `hybrid search CPU time per search (mean), SIMD Int8 scan, ${n}`, value: median(t.wasm.cpu), unit: 'ms', baselineName: 'the same with the plain JS column scan (exact)', baselineValue: median(t.js.cpu), ratio: median(t.wasm.cpu) / median(t.js.cpu), note: `user + system CPU over the trial / searches; ${spread(t.wasm.cpu)} (JS ${spread(t.js.cpu)})` });
    const walls = [1, 2, 3].map((i) => cliSearchWall(dir, QUERIES[i]));
    rows.push({ suite: SUITE, name: `CLI \`motif search\` wall time, ${n}`, value: median(walls), unit: 'ms', note: `median of 3, ${spread(walls, 0)}; whole process` });
    return rows;
  },
};
