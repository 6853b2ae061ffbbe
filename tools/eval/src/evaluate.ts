import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbedderSet, InstancePattern, SearchMode } from '@motif/core-types';
import {
  createEmbedderSet,
  EmbeddedPatternStore,
  HashingEmbedder,
  HybridSearcher,
  PatternIndexer,
  uniformEmbedderSet,
  type HashingEmbedderOptions,
  type HybridSearcherOptions,
} from '@motif/vector-store';
import { parseDsl, type EvalQuery } from './dataset';
import { retrievalMetrics, type RetrievalMetrics } from './metrics';

/** `use-lite` = what Motif ships as the default; `hashing` = the weightless embedder, with optional variations. */
export type EvalEmbedder = { kind: 'use-lite' } | { kind: 'hashing'; options?: HashingEmbedderOptions };

export interface EvalVariant {
  name: string;
  embedder: EvalEmbedder;
  searcher?: Omit<HybridSearcherOptions, 'parseDsl'>;
}

export interface EvalRow extends RetrievalMetrics {
  variant: string;
  embedderId: string;
  mode: SearchMode;
}

export const embedderSetOf = (e: EvalEmbedder): EmbedderSet =>
  e.kind === 'use-lite' ? createEmbedderSet('use-lite', { queryCacheEntries: 10_000 }) : uniformEmbedderSet(new HashingEmbedder(e.options));

/** The patterns in a fresh embedded store, embedded once; searched with as many searcher variants as wanted. */
export class EvalIndex {
  private constructor(
    readonly embedders: EmbedderSet,
    private readonly store: EmbeddedPatternStore,
    private readonly dir: string,
    readonly namespace: string,
    /** Milliseconds to embed and store the patterns. */
    readonly indexMs: number,
  ) {}

  static async build(embedder: EvalEmbedder, patterns: readonly InstancePattern[]): Promise<EvalIndex> {
    const dir = mkdtempSync(join(tmpdir(), 'motif-eval-'));
    const embedders = embedderSetOf(embedder);
    const store = new EmbeddedPatternStore({ dataDir: dir, embedder: embedders });
    const t0 = performance.now();
    await store.init();
    await store.putMany(await new PatternIndexer(embedders).toRecords(patterns));
    return new EvalIndex(embedders, store, dir, patterns[0]?.namespace ?? 'eval', performance.now() - t0);
  }

  /** Runs every query in every mode; `structure` mode only runs the queries that carry a DSL hint. */
  async evaluate(name: string, queries: readonly EvalQuery[], modes: readonly SearchMode[], searcher: EvalVariant['searcher'] = {}): Promise<EvalRow[]> {
    const s = new HybridSearcher(this.store, this.embedders, { ...searcher, parseDsl });
    const rows: EvalRow[] = [];
    for (const mode of modes) {
      const ranks: number[] = [];
      for (const q of queries) {
        if (mode === 'structure' && !q.dsl) continue;
        const res = await s.search({
          query: q.query,
          ...(q.dsl && mode !== 'lexical' ? { dsl: q.dsl } : {}),
          namespace: this.namespace,
          limit: 10,
          filter: {},
          mode,
          explain: false,
        });
        ranks.push(res.results.findIndex((h) => h.pattern.patternId === q.expected) + 1);
      }
      rows.push({ variant: name, embedderId: this.embedders.id, mode, ...retrievalMetrics(ranks) });
    }
    return rows;
  }

  async close(): Promise<void> {
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One variant end to end: index, evaluate, clean up. */
export async function evaluateVariant(
  variant: EvalVariant,
  patterns: readonly InstancePattern[],
  queries: readonly EvalQuery[],
  modes: readonly SearchMode[],
): Promise<EvalRow[]> {
  const index = await EvalIndex.build(variant.embedder, patterns);
  try {
    return await index.evaluate(variant.name, queries, modes, variant.searcher);
  } finally {
    await index.close();
  }
}
