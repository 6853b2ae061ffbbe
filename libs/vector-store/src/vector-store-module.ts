import { ContainerModule } from 'inversify';
import { TOKENS, type Embedder, type MotifConfig, type PatternStore } from '@motif/core-types';
import { EmbeddedPatternStore } from './embedded/embedded-pattern-store';
import { HashingEmbedder } from './embedding/hashing-embedder';
import { QdrantPatternStore } from './qdrant/qdrant-pattern-store';

/** Builds the configured store: Qdrant when `qdrant.url` is set, else the embedded SQLite store in `dataDir`. */
export function createPatternStore(config: MotifConfig, embedder: Embedder): PatternStore {
  if (config.qdrant.url) {
    // Required lazily: the REST client (and its undici/fetch stack) costs start-up time the embedded default never needs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { QdrantClient } = require('@qdrant/js-client-rest') as typeof import('@qdrant/js-client-rest');
    const client = new QdrantClient({ url: config.qdrant.url, apiKey: config.qdrant.apiKey, checkCompatibility: false });
    return new QdrantPatternStore({ client, collection: config.qdrant.collection, embedder, location: redact(config.qdrant.url) });
  }
  return new EmbeddedPatternStore({ dataDir: config.dataDir, embedder });
}

const redact = (url: string): string => {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString().replace(/\/$/, '');
};

/**
 * Binds `TOKENS.Embedder` (HashingEmbedder at `config.embedder.dimension`) and `TOKENS.PatternStore` (singletons).
 * The caller runs `await store.init()` once; the container's owner closes the store.
 */
export const vectorStoreModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.Embedder)
    .toDynamicValue((ctx) => new HashingEmbedder({ dimension: ctx.get(TOKENS.Config).embedder.dimension }))
    .inSingletonScope();
  bind(TOKENS.PatternStore)
    .toDynamicValue((ctx) => createPatternStore(ctx.get(TOKENS.Config), ctx.get(TOKENS.Embedder)))
    .inSingletonScope();
});
