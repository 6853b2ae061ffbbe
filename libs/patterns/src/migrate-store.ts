import { MotifError, TOKENS, type MotifConfig } from '@motif/core-types';
import { EmbeddedPatternStore, migrateToQdrant, qdrantMigrationClient, type MigrationProgress, type MigrationSummary, type QdrantMigrationClient } from '@motif/vector-store';
import { createMotifContainer } from './create-motif-container';

export type { MigrationProgress, MigrationSummary, QdrantMigrationClient };

export interface MigrateStoreOptions {
  to: 'qdrant';
  /** Target collection; default `config.qdrant.collection`. */
  collection?: string;
  batchSize?: number;
  restart?: boolean;
  onProgress?(progress: MigrationProgress): void;
  /** The target client (tests pass an in-process fake); default a REST client for `config.qdrant.url`. */
  client?: QdrantMigrationClient;
}

const redact = (url: string): string => {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString().replace(/\/$/, '');
};

/**
 * Moves the embedded store of `config.dataDir` into the Qdrant collection `config.qdrant` names. The source is
 * opened through the one container with Qdrant switched off (the same embedder and store the app would use).
 */
export async function migrateStore(config: MotifConfig, options: MigrateStoreOptions): Promise<MigrationSummary> {
  const url = config.qdrant.url;
  if (!url && !options.client) {
    throw new MotifError('VALIDATION_FAILED', 'migrate --to qdrant needs the target server: pass --qdrant-url or set QDRANT_URL');
  }
  const runtime = await createMotifContainer({ ...config, qdrant: { ...config.qdrant, url: undefined } });
  try {
    const source = runtime.container.get(TOKENS.PatternStore);
    if (!(source instanceof EmbeddedPatternStore)) throw new MotifError('INTERNAL', 'the migration source is not the embedded store');
    return await migrateToQdrant(source, {
      client: options.client ?? qdrantMigrationClient(url as string, config.qdrant.apiKey),
      collection: options.collection ?? config.qdrant.collection,
      location: url ? redact(url) : 'in-process client',
      batchSize: options.batchSize,
      restart: options.restart,
      onProgress: options.onProgress,
    });
  } finally {
    await runtime.close();
  }
}
