import type { QdrantClient, Schemas } from '@qdrant/js-client-rest';
import { DENSE_VECTOR_NAMES, MotifError, backendUnavailable } from '@motif/core-types';
import type { EmbeddedPatternStore } from '../embedded/embedded-pattern-store';
import { uuidV5 } from '../qdrant/point-id';
import { QdrantPatternStore } from '../qdrant/qdrant-pattern-store';
import { PAYLOAD } from '../qdrant/qdrant-filter';
import { toPoint, type PatternPayload } from '../qdrant/qdrant-requests';

/** The calls a migration makes: the store's own plus `getCollection` (to check vector sizes before writing). */
export type QdrantMigrationClient = Pick<
  QdrantClient,
  'collectionExists' | 'getCollection' | 'createCollection' | 'createPayloadIndex' | 'retrieve' | 'upsert' | 'delete' | 'setPayload' | 'queryBatch' | 'scroll' | 'count'
>;

export interface MigrationOptions {
  client: QdrantMigrationClient;
  collection: string;
  /** Shown in messages (the URL without credentials). */
  location: string;
  /** Patterns per upsert (default 256). */
  batchSize?: number;
  /** Ignore an unfinished run's checkpoint and start from the first pattern. */
  restart?: boolean;
  onProgress?(progress: MigrationProgress): void;
}

export interface MigrationProgress {
  /** Patterns in the target so far (counting those a previous, interrupted run moved). */
  done: number;
  total: number;
}

export interface MigrationSummary {
  collection: string;
  location: string;
  embedder: { id: string; dimension: number };
  /** Patterns in the source store. */
  total: number;
  /** Moved by this run. */
  moved: number;
  /** Moved by an interrupted earlier run and not moved again (resumed after them). */
  resumedAfter: number;
  withVotes: number;
  families: number;
  /** Patterns the collection holds afterwards (all namespaces). */
  targetPatterns: number;
  ms: number;
}

/** Namespace of non-pattern points (as the Qdrant store's metadata point): no user namespace can contain ':'. */
const META_NAMESPACE = 'motif:meta';

interface Checkpoint {
  kind: 'migration';
  namespace: typeof META_NAMESPACE;
  source_uid: string;
  last_rowid: number;
  moved: number;
  complete: boolean;
  updated_at: string;
}

/** One checkpoint point per source store, so several stores may be merged into one collection. */
export const checkpointPointId = (sourceUid: string): string => uuidV5(`migration\u0000${sourceUid}`);

const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof MotifError) throw err;
    throw backendUnavailable(`qdrant (${what})`, err);
  }
};

/**
 * Refuses a collection whose named vectors are missing or sized for another dimension: upserting there would fail
 * half-way (or, for an unnamed vector, mean another layout). The embedder id is checked by `QdrantPatternStore.init`.
 */
async function checkVectorSizes(client: QdrantMigrationClient, collection: string, dimension: number, embedderId: string): Promise<void> {
  const { exists } = await call('collectionExists', () => client.collectionExists(collection));
  if (!exists) return;
  const info = await call('getCollection', () => client.getCollection(collection));
  const vectors = info.config.params.vectors as Schemas['VectorsConfig'] | undefined;
  const named = vectors && !('size' in vectors) ? (vectors as Record<string, Schemas['VectorParams'] | undefined>) : undefined;
  for (const name of DENSE_VECTOR_NAMES) {
    const size = named?.[name]?.size;
    if (size !== dimension) {
      throw new MotifError(
        'EMBEDDER_MISMATCH',
        `Qdrant collection '${collection}' ${size === undefined ? `has no vector named '${name}'` : `has ${size}-d '${name}' vectors`}, but this store's vectors are ${dimension}-d ('${embedderId}'); migrate into a new collection (--collection) or one made for this embedder`,
        { details: { collection, vector: name, collectionSize: size ?? null, storeDimension: dimension } },
      );
    }
  }
}

/**
 * Streams every pattern of an embedded store into a Qdrant collection: vectors, lexical vector, vote counts and
 * labels (in the pattern), the latest vote per dimension, and the variation family. Batches are upserted with
 * `wait: true` on deterministic point ids, so a re-run writes the same points (idempotent); after each batch a
 * checkpoint point records the last rowid moved, so an interrupted run resumes after it. A finished run's
 * checkpoint makes the next run a full, idempotent pass again (picking up patterns changed since).
 */
export async function migrateToQdrant(source: EmbeddedPatternStore, options: MigrationOptions): Promise<MigrationSummary> {
  const t0 = performance.now();
  const { client, collection } = options;
  const embedder = (await source.stats()).embedder;
  await checkVectorSizes(client, collection, embedder.dimension, embedder.id);
  // Creates the collection, payload indexes and embedder identity, or refuses another embedder's collection.
  await new QdrantPatternStore({ client, collection, embedder, location: options.location }).init();

  const cpId = checkpointPointId(source.uid);
  const [cpPoint] = await call('retrieve checkpoint', () => client.retrieve(collection, { ids: [cpId], with_payload: true }));
  const previous = cpPoint?.payload as Checkpoint | undefined;
  const resume = previous && !previous.complete && !options.restart ? previous : undefined;
  let after = resume?.last_rowid ?? 0;
  const resumedAfter = resume?.moved ?? 0;
  const total = source.countAfter(0);
  const batchSize = Math.max(1, options.batchSize ?? 256);
  let moved = 0;
  let withVotes = 0;
  let families = 0;
  const saveCheckpoint = (complete: boolean): Promise<unknown> => {
    const payload: Checkpoint = { kind: 'migration', namespace: META_NAMESPACE, source_uid: source.uid, last_rowid: after, moved: resumedAfter + moved, complete, updated_at: new Date().toISOString() };
    return call('upsert checkpoint', () => client.upsert(collection, { wait: true, points: [{ id: cpId, vector: {}, payload: payload as unknown as Schemas['Payload'] }] }));
  };
  options.onProgress?.({ done: resumedAfter, total });
  for (;;) {
    const rows = source.exportBatch(after, batchSize);
    if (rows.length === 0) break;
    const points: Schemas['PointStruct'][] = [];
    for (const row of rows) {
      const { pattern } = row;
      const vectors = await source.getVectors(pattern.namespace, pattern.patternId);
      if (!vectors) continue; // deleted between the two reads
      const family = await source.getFamily(pattern.namespace, pattern.patternId);
      const point = toPoint({ pattern, vectors });
      const payload = point.payload as unknown as PatternPayload;
      payload.last_votes = row.lastVotes;
      payload.family = family;
      if (row.lastVotes.length) withVotes++;
      if (family) families++;
      points.push(point);
    }
    if (points.length) await call('upsert', () => client.upsert(collection, { wait: true, points }));
    moved += points.length;
    after = rows[rows.length - 1].rowid;
    await saveCheckpoint(false);
    options.onProgress?.({ done: resumedAfter + moved, total });
  }
  await saveCheckpoint(true);
  const targetPatterns = (await call('count', () => client.count(collection, { filter: { must: [{ key: PAYLOAD.kind, match: { value: 'pattern' } }] }, exact: true }))).count;
  return { collection, location: options.location, embedder, total, moved, resumedAfter, withVotes, families, targetPatterns, ms: performance.now() - t0 };
}

/** A REST client for a migration target (required lazily, as the store factory does: the embedded default never pays for it). */
export function qdrantMigrationClient(url: string, apiKey?: string): QdrantMigrationClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { QdrantClient } = require('@qdrant/js-client-rest') as typeof import('@qdrant/js-client-rest');
  return new QdrantClient({ url, apiKey, checkCompatibility: false });
}
