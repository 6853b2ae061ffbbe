import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InstancePattern, SearchMode } from '@motif/core-types';
import { EmbeddedPatternStore, HashingEmbedder, HybridSearcher, PatternIndexer, type HashingEmbedderOptions, type HybridSearcherOptions } from '@motif/vector-store';
import { parseDsl, type EvalQuery } from './dataset';
import { retrievalMetrics, type RetrievalMetrics } from './metrics';

export interface EvalVariant {
  name: string;
  embedder: HashingEmbedderOptions;
  searcher?: Omit<HybridSearcherOptions, 'parseDsl'>;
}

export interface EvalRow extends RetrievalMetrics {
  variant: string;
  embedderId: string;
  mode: SearchMode;
}

/**
 * Loads the patterns into a fresh embedded store through PatternIndexer and runs every query in every mode.
 * `structure` mode only runs the queries that carry a DSL hint (a person who knows the shape).
 */
export async function evaluateVariant(
  variant: EvalVariant,
  patterns: readonly InstancePattern[],
  queries: readonly EvalQuery[],
  modes: readonly SearchMode[],
): Promise<EvalRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'motif-eval-'));
  const embedder = new HashingEmbedder(variant.embedder);
  const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
  try {
    await store.init();
    await store.putMany(new PatternIndexer(embedder).toRecords(patterns));
    const searcher = new HybridSearcher(store, embedder, { ...variant.searcher, parseDsl });
    const rows: EvalRow[] = [];
    for (const mode of modes) {
      const ranks: number[] = [];
      for (const q of queries) {
        if (mode === 'structure' && !q.dsl) continue;
        const res = await searcher.search({
          query: q.query,
          ...(q.dsl && mode !== 'lexical' ? { dsl: q.dsl } : {}),
          namespace: patterns[0]?.namespace ?? 'eval',
          limit: 10,
          filter: {},
          mode,
          explain: false,
        });
        ranks.push(res.results.findIndex((h) => h.pattern.patternId === q.expected) + 1);
      }
      rows.push({ variant: variant.name, embedderId: embedder.id, mode, ...retrievalMetrics(ranks) });
    }
    return rows;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
