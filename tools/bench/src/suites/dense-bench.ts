import { existsSync, mkdirSync, openSync, readFileSync, renameSync, closeSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Embedder, EmbedderSet } from '@motif/core-types';
import { COLUMN_LAYOUTS, EmbeddedPatternStore, INDEX_SNAPSHOT_FILE, HashingEmbedder, HybridSearcher, PatternIndexer, UseLiteEmbedder, patternEmbeddingTexts, vectorLayoutsOf } from '@motif/vector-store';
import type { BenchContext, BenchRow, BenchSuite } from '../bench-types';
import { latencies, mb, percentile } from '../measure';
import { alternatingWalls, coldSearchWall } from './cli-bench';
import { QUERIES, cliSearchWall, measureOpenInChild, median, spread, syntheticPattern } from './store-bench';

const SUITE = 'dense';
const DIM = 512;
const ROOT = join(__dirname, '..', '..', '..', '..');
const descriptionText = (i: number): string => patternEmbeddingTexts(syntheticPattern(i)).description;

/**
 * The description vectors of `syntheticPattern(0 … n-1)` (their embedding texts) from the real use-lite model, embedded once (≈ 11 minutes
 * of CPU at 100k) and kept in `MOTIF_BENCH_CACHE` (default tools/bench/.cache) for later runs.
 */
async function useLiteDescriptions(ctx: BenchContext, model: UseLiteEmbedder, n: number): Promise<Float32Array> {
  const dir = process.env.MOTIF_BENCH_CACHE ?? join(ROOT, 'tools', 'bench', '.cache');
  const file = join(dir, `${model.id}.synthetic-description-texts.${n}.f32`);
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    if (bytes.byteLength === n * DIM * 4) return new Float32Array(bytes.buffer, bytes.byteOffset, n * DIM);
  }
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  const t0 = performance.now();
  for (let i = 0; i < n; i += 500) {
    const vectors = await model.embedBatch(Array.from({ length: Math.min(500, n - i) }, (_, j) => descriptionText(i + j)));
    for (const v of vectors) writeSync(fd, new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    if (i % 10_000 === 0) ctx.log(`dense: use-lite embedded ${i} of ${n} descriptions (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  closeSync(fd);
  renameSync(tmp, file);
  return useLiteDescriptions(ctx, model, n);
}

/** Answers with the stored vectors of the corpus' descriptions and embeds anything else with the model: an import of use-lite vectors without re-embedding them. */
function recordedDescriptions(model: UseLiteEmbedder, vectors: Float32Array, n: number): Embedder {
  const row = new Map<string, number>();
  for (let i = 0; i < n; i++) row.set(descriptionText(i), i);
  const known = (text: string): Float32Array | undefined => {
    const i = row.get(text);
    return i === undefined ? undefined : vectors.subarray(i * DIM, (i + 1) * DIM);
  };
  return {
    id: model.id,
    dimension: DIM,
    embed: async (text) => known(text) ?? model.embed(text),
    embedBatch: async (texts) => Promise.all(texts.map((t) => known(t) ?? model.embed(t))),
  };
}

/** Query vectors embedded once up front: every search below runs "with a cached query embedding". */
async function cachedQueries(model: UseLiteEmbedder, texts: readonly string[]): Promise<Embedder> {
  const vectors = await model.embedBatch(texts);
  const memo = new Map(texts.map((t, i) => [t, vectors[i]]));
  return {
    id: model.id,
    dimension: DIM,
    embed: async (text) => memo.get(text) ?? model.embed(text),
    embedBatch: (t) => model.embedBatch(t),
  };
}

function evalQueries(split: 'tuning' | 'heldout'): string[] {
  const lines = readFileSync(join(ROOT, 'tools', 'eval', 'data', 'queries.jsonl'), 'utf8').trim().split('\n');
  return lines.map((l) => JSON.parse(l) as { query: string; split: string }).filter((q) => q.split === split).map((q) => q.query);
}

/**
 * Issue 18 point 2 in the shipped configuration: 100k patterns whose description vectors are the real use-lite
 * embeddings (structure and params hashed at 512-d, as `createEmbedderSet('use-lite')` builds them), searched with
 * a cached query embedding. The description is held in rows with sign bits (the default for a model's vectors):
 * hybrid search p50 against the exact Int8 row scan and the column scan every vector used before, and the
 * description's recall@10 against float32 and against the exact Int8 scan, on the eval set's held-out queries
 * (never used to choose the pre-selection). Opt-in: the first run embeds the corpus (≈ 11 min).
 */
export const denseBench: BenchSuite = {
  name: SUITE,
  optIn: true,
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const n = ctx.quick ? 5_000 : 100_000;
    const model = new UseLiteEmbedder();
    const vectors = await useLiteDescriptions(ctx, model, n);
    const symbolic = new HashingEmbedder({ dimension: DIM });
    const stored: EmbedderSet = { id: `${model.id}+${symbolic.id}`, dimension: DIM, description: recordedDescriptions(model, vectors, n), structure: symbolic, params: symbolic };
    const layouts = vectorLayoutsOf(stored);
    const dir = ctx.tmpDir();
    ctx.log(`dense: storing ${n} patterns`);
    const writer = new EmbeddedPatternStore({ dataDir: dir, embedder: stored });
    await writer.init();
    const indexer = new PatternIndexer(stored);
    for (let i = 0; i < n; i += 1000) await writer.putMany(await indexer.toRecords(Array.from({ length: Math.min(1000, n - i) }, (_, j) => syntheticPattern(i + j))));
    await writer.warm();
    await writer.close();

    const heldout = evalQueries('heldout');
    const queries = await cachedQueries(model, [...QUERIES, ...heldout]);
    const searchSet: EmbedderSet = { ...stored, description: queries };
    // Three stores over one database: the default (snapshot on), and two baselines that rebuild and never write.
    const prefilter = new EmbeddedPatternStore({ dataDir: dir, embedder: stored, eagerIndex: true });
    const exact = new EmbeddedPatternStore({ dataDir: dir, embedder: stored, eagerIndex: true, indexSnapshot: false, densePrefilter: { minRows: Infinity } });
    const columns = new EmbeddedPatternStore({ dataDir: dir, embedder: stored, eagerIndex: true, indexSnapshot: false, vectorLayouts: COLUMN_LAYOUTS });
    for (const s of [prefilter, exact, columns]) await s.init();
    const stores = { prefilter, exact, columns };

    const trials = ctx.quick ? 2 : 3;
    const iterations = ctx.quick ? 50 : 300;
    const p50 = { prefilter: [] as number[], exact: [] as number[], columns: [] as number[], heldout: [] as number[] };
    const p99: number[] = [];
    for (let t = 0; t < trials; t++) {
      for (const [name, store] of Object.entries(stores) as Array<[keyof typeof stores, EmbeddedPatternStore]>) {
        const searcher = new HybridSearcher(store, searchSet);
        const run = (list: readonly string[]) => (i: number) => searcher.search({ query: list[i % list.length], namespace: 'bench', limit: 10, filter: {}, mode: 'hybrid', explain: false });
        await latencies(10, run(QUERIES));
        const lat = await latencies(name === 'prefilter' ? iterations : Math.max(20, iterations >> 2), run(QUERIES));
        p50[name].push(percentile(lat, 50));
        if (name === 'prefilter') {
          p99.push(percentile(lat, 99));
          p50.heldout.push(percentile(await latencies(iterations, run(heldout)), 50));
        }
      }
    }
    const at = (xs: number[]) => median(xs);
    const isTarget = n === 100_000;
    rows.push({ suite: SUITE, name: `hybrid search p50, cached query embedding, use-lite 512-d description in rows (sign-bit pre-selection), ${n}`, value: at(p50.prefilter), unit: 'ms', baselineName: 'the same over the exact SIMD Int8 row scan', baselineValue: at(p50.exact), ratio: at(p50.prefilter) / at(p50.exact), target: isTarget ? '<= 3 ms' : undefined, pass: isTarget ? at(p50.prefilter) <= 3 : undefined, note: `the bench's ${QUERIES.length} queries; median of ${trials} ${spread(p50.prefilter)} (exact ${spread(p50.exact)}); column scan of every vector, as before: ${at(p50.columns).toFixed(2)} ms; lower is better` });
    rows.push({ suite: SUITE, name: `hybrid search p99, cached query embedding, use-lite description in rows, ${n}`, value: at(p99), unit: 'ms', note: `${spread(p99)}; lower is better` });
    rows.push({ suite: SUITE, name: `hybrid search p50, cached query embedding, eval held-out queries (${heldout.length}), use-lite description in rows, ${n}`, value: at(p50.heldout), unit: 'ms', baselineName: 'the bench queries (same run)', baselineValue: at(p50.prefilter), ratio: at(p50.heldout) / at(p50.prefilter), note: `${spread(p50.heldout)}; queries that match the corpus loosely widen the pre-selection (Hamming margin); lower is better` });

    // Recall@10 of the description signal, on the held-out queries: against float32 (brute force over the stored
    // vectors) and against the exact Int8 scan (what the pre-selection must not lose).
    let hitsFloat = 0;
    let hitsInt8 = 0;
    let exactFloat = 0;
    let scored = 0;
    const q = await model.embedBatch(heldout);
    for (const query of q) {
      const f = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let d = 0, off = i * DIM; d < DIM; d++) s += query[d] * vectors[off + d];
        f[i] = s;
      }
      const tenth = Float32Array.from(f).sort().reverse()[9];
      const rowOf = (id: string): number => parseInt(id.slice(1, id.indexOf('-')), 36);
      const request = { namespace: 'bench', prefetchLimit: 10, dense: { description: query }, filter: {} };
      const before = prefilter.denseRowsScored;
      const got = await prefilter.search(request);
      scored += prefilter.denseRowsScored - before;
      const want = await exact.search(request);
      const wantIds = new Set(want.map((h) => h.patternId));
      hitsFloat += got.filter((h) => f[rowOf(h.patternId)] >= tenth - 1e-6).length;
      hitsInt8 += got.filter((h) => wantIds.has(h.patternId)).length;
      exactFloat += want.filter((h) => f[rowOf(h.patternId)] >= tenth - 1e-6).length;
    }
    const total = q.length * 10;
    rows.push({ suite: SUITE, name: `description recall@10 of the sign-bit pre-selection against the exact Int8 scan, use-lite, ${n}`, value: hitsInt8 / total, unit: 'ratio', target: '>= 0.98', pass: hitsInt8 / total >= 0.98, note: `${q.length} eval held-out queries, not used to choose the pre-selection; ${(scored / q.length).toFixed(0)} of ${n} rows re-scored per search on average` });
    rows.push({ suite: SUITE, name: `description recall@10 of the sign-bit pre-selection against float32, use-lite, ${n}`, value: hitsFloat / total, unit: 'ratio', baselineName: 'recall@10 of the exact Int8 scan against float32 (same queries)', baselineValue: exactFloat / total, ratio: hitsFloat / exactFloat, target: '>= 0.98', pass: hitsFloat / total >= 0.98, note: 'ties with the float32 10th score count as hits' });
    for (const s of [prefilter, exact, columns]) await s.close();

    // The first open after the stores closed may find the snapshot's pages evicted (this VM reclaims cold page
    // cache): it is reported beside the median of three more.
    const recorded = { id: stored.id, layouts };
    const first = measureOpenInChild(dir, DIM, true, { recorded });
    const snapshotBytes = statSync(join(dir, INDEX_SNAPSHOT_FILE)).size;
    const opens = [0, 1, 2].map(() => measureOpenInChild(dir, DIM, true, { recorded }));
    const opened = opens.map((o) => o.openMs).sort((a, b) => a - b)[1];
    const cpu = median(opens.map((o) => o.cpuMs));
    const rebuilt = measureOpenInChild(dir, DIM, false, { recorded });
    // What a one-shot text search opens with: the description vector now, the other two left in the file.
    const textOpens = [0, 1, 2].map(() => measureOpenInChild(dir, DIM, true, { recorded, warmVectors: ['description'] }));
    const textOpened = median(textOpens.map((x) => x.openMs));
    // The CLI figure on the real vectors: `motif search` processes, the model loading in its thread.
    cliSearchWall(dir, QUERIES[0]);
    const cli = alternatingWalls(
      (i) => cliSearchWall(dir, QUERIES[(i + 1) % QUERIES.length]),
      (i) => coldSearchWall(dir, QUERIES[(i + 1) % QUERIES.length]),
      5,
    );
    const o = opens[0];
    // RSS, not heap + array buffers: the kernels' WebAssembly memories are not array buffers and would be missed.
    rows.push({ suite: SUITE, name: `memory per ${n} patterns at 512-d (RSS added by open from the snapshot)`, value: mb(o.rssDelta), unit: 'MB', baselineName: 'float32 vectors alone (3 × 512 × 4 B per pattern)', baselineValue: mb(3 * DIM * 4 * n), ratio: o.rssDelta / (3 * DIM * 4 * n), note: `index structures ${mb(o.indexBytes)} MB (Int8 cells, residuals, sign bits, columns, BM25); lower is better` });
    rows.push({ suite: SUITE, name: `open from the snapshot for a text search (init + index + description vector), ${n}`, value: textOpened, unit: 'ms', baselineName: 'the same open loading every vector', baselineValue: opened, ratio: textOpened / opened, target: isTarget ? '<= 300 ms' : undefined, pass: isTarget ? textOpened <= 300 : undefined, note: `fresh processes, median of 3 (${textOpens.map((x) => x.openMs.toFixed(0)).join(' / ')} ms; CPU ${median(textOpens.map((x) => x.cpuMs)).toFixed(0)} ms); the structure and params vectors stay in the file until a search needs them; lower is better` });
    rows.push({ suite: SUITE, name: `CLI \`motif search --json\` wall time, use-lite (model load included), real vectors, ${n} (median of 5)`, value: cli.a, unit: 'ms', baselineName: 'the same search with the runtime opened cold (model, then index, one after the other)', baselineValue: cli.b, ratio: cli.a / cli.b, target: isTarget ? '<= 600 ms' : undefined, pass: isTarget ? cli.a <= 600 : undefined, note: `runs ${cli.as.map((x) => x.toFixed(0)).join(' / ')} ms (cold ${cli.bs.map((x) => x.toFixed(0)).join(' / ')}); the model's worker starts before Motif loads and embeds the query as its first call; lower is better` });
    rows.push({ suite: SUITE, name: `open (init + index load) from the snapshot, description in rows, ${n}`, value: opened, unit: 'ms', baselineName: 'full rebuild from SQLite (snapshot off)', baselineValue: rebuilt.openMs, ratio: opened / rebuilt.openMs, target: isTarget ? '<= 300 ms' : undefined, pass: isTarget ? opened <= 300 : undefined, note: `fresh processes, median of 3 (${opens.map((x) => x.openMs.toFixed(0)).join(' / ')} ms; CPU ${cpu.toFixed(0)} ms); every vector searchable then, the description's residual rows (read only by the final re-score) in memory ${median(opens.map((x) => x.residualsMs - x.openMs)).toFixed(0)} ms later, read in the background; snapshot ${mb(snapshotBytes)} MB; the first open after the stores closed: ${first.openMs.toFixed(0)} ms (source ${first.source}); lower is better` });
    return rows;
  },
};
