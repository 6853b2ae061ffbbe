import { join } from 'node:path';
import { ContainerModule } from 'inversify';
import { TOKENS, type EmbedderKind, type EmbedderSet, type MotifConfig, type PatternStore } from '@motif/core-types';
import { EMBEDDED_DB_FILE, EmbeddedPatternStore } from './embedded/embedded-pattern-store';
import { createEmbedderSet } from './embedding/embedder-set';
import { kindOfEmbedderId, recordedEmbedder } from './embedding/recorded-embedder';
import { discardEarlyModelWorker } from './embedding/use-lite-early-start';
import { QdrantPatternStore } from './qdrant/qdrant-pattern-store';

/** Builds the configured store: Qdrant when `qdrant.url` is set, else the embedded SQLite store in `dataDir`. */
export function createPatternStore(config: MotifConfig, embedder: EmbedderSet): PatternStore {
  if (config.qdrant.url) {
    // Required lazily: the REST client (and its undici/fetch stack) costs start-up time the embedded default never needs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { QdrantClient } = require('@qdrant/js-client-rest') as typeof import('@qdrant/js-client-rest');
    const client = new QdrantClient({ url: config.qdrant.url, apiKey: config.qdrant.apiKey, checkCompatibility: false });
    return new QdrantPatternStore({ client, collection: config.qdrant.collection, embedder, location: redact(config.qdrant.url) });
  }
  return new EmbeddedPatternStore({ dataDir: config.dataDir, embedder, annMinRows: config.search.annMinRows });
}

const redact = (url: string): string => {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString().replace(/\/$/, '');
};

export interface EmbedderChoice {
  kind: EmbedderKind;
  /** Hashing dimension (undefined: the default). */
  dimension?: number;
  /** True when the kind was not configured and comes from what the existing store records. */
  adopted: boolean;
}

/**
 * Which embedder this config runs with. `embedder.kind` (MOTIF_EMBEDDER) when set; otherwise an existing embedded
 * store keeps the embedder it was built with (a data dir from before use-lite stays on hashing-384 and keeps
 * working until `motif reindex`), and anything new gets `use-lite`.
 */
export function chooseEmbedder(config: MotifConfig): EmbedderChoice {
  const { kind, dimension } = config.embedder;
  if (kind) return { kind, dimension, adopted: false };
  if (!config.qdrant.url) {
    const recorded = recordedEmbedder(join(config.dataDir, EMBEDDED_DB_FILE));
    const recordedKind = recorded ? kindOfEmbedderId(recorded.id) : null;
    if (recorded && recordedKind === 'hashing') return { kind: 'hashing', dimension: dimension ?? recorded.dimension, adopted: true };
    if (recordedKind === 'use-lite') return { kind: 'use-lite', adopted: true };
  }
  return { kind: 'use-lite', dimension, adopted: false };
}

/**
 * The embedder set for a config (see `chooseEmbedder`). The apps run the sentence model in a worker thread
 * (`modelThread: 'worker'`, what the container binds), so its load overlaps with opening the store.
 */
export function embedderSetFor(config: MotifConfig, choice: EmbedderChoice = chooseEmbedder(config), modelThread: 'main' | 'worker' = 'main'): EmbedderSet {
  return createEmbedderSet(choice.kind, { dimension: choice.dimension, queryCacheEntries: config.embedder.queryCacheEntries, modelThread });
}

/**
 * Binds `TOKENS.Embedder` (the EmbedderSet of `chooseEmbedder`, its sentence model in a worker thread) and
 * `TOKENS.PatternStore` (singletons). The caller runs `await store.init()` once; the container's owner closes the
 * store and the embedder set.
 */
export const vectorStoreModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.Embedder)
    .toDynamicValue((ctx) => {
      const config = ctx.get(TOKENS.Config);
      const choice = chooseEmbedder(config);
      // A model worker a command started early (`@motif/vector-store/early-start`) is no use to hashed vectors.
      if (choice.kind !== 'use-lite') discardEarlyModelWorker();
      return embedderSetFor(config, choice, 'worker');
    })
    .inSingletonScope();
  bind(TOKENS.PatternStore)
    .toDynamicValue((ctx) => createPatternStore(ctx.get(TOKENS.Config), ctx.get(TOKENS.Embedder)))
    .inSingletonScope();
});
