import { Container } from 'inversify';
import { MotifError, systemClock, TOKENS, type MotifConfig } from '@motif/core-types';
import { dagModule } from '@motif/dag';
import { embedderSetFor, PatternIndexer, reindexEmbeddedStore, type ReindexProgress, type ReindexSummary } from '@motif/vector-store';
import { PATTERNS_TOKENS, patternsModule } from './patterns-module';

export type { ReindexProgress, ReindexSummary };

export interface ReindexStoreOptions {
  batchSize?: number;
  restart?: boolean;
  onProgress?(progress: ReindexProgress): void;
}

/**
 * Re-embeds the embedded store of `config.dataDir` with the configured embedder (`embedder.kind`, i.e.
 * MOTIF_EMBEDDER; unset: the default, use-lite). Each stored pattern is upgraded as on read (old data dirs) and
 * embedded exactly as a new `store` would, in batches; see `reindexEmbeddedStore` for the crash-safety.
 */
export async function reindexStore(config: MotifConfig, options: ReindexStoreOptions = {}): Promise<ReindexSummary> {
  if (config.qdrant.url) {
    throw new MotifError(
      'VALIDATION_FAILED',
      'motif reindex re-embeds the embedded store; for Qdrant, reindex the embedded source store (without QDRANT_URL) and `motif migrate --to qdrant` it into a new collection',
    );
  }
  const target = embedderSetFor(config, { kind: config.embedder.kind ?? 'use-lite', dimension: config.embedder.dimension, adopted: false });
  // The pattern shaper only (catalog, deriver): opening the store through the app container would refuse it,
  // since it records the other embedder.
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Config).toConstantValue(config);
  container.bind(TOKENS.Clock).toConstantValue(systemClock);
  container.load(dagModule, patternsModule);
  const shaper = container.get(PATTERNS_TOKENS.PatternShaper);
  const indexer = new PatternIndexer(target);
  return reindexEmbeddedStore(
    config.dataDir,
    target,
    async (patterns) => (await indexer.toRecords(patterns.map((p) => shaper.upgrade(p)))).map((r) => r.vectors),
    options,
  );
}
