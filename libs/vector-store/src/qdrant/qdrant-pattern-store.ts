import type { QdrantClient, Schemas } from '@qdrant/js-client-rest';
import {
  backendUnavailable,
  DENSE_VECTOR_NAMES,
  MotifError,
  notFound,
  type FeedbackRule,
  type FeedbackVoteInput,
  type InstancePattern,
  type ListQuery,
  type Page,
  type PatternRecord,
  type PatternStore,
  type PatternVectors,
  type PutResult,
  type StoreSearchHit,
  type StoreSearchRequest,
  type StoreStats,
  type TimedVote,
  type VariationFamily,
} from '@motif/core-types';
import { decodeCursor, encodeCursor } from '../embedded/cursor';
import { META_POINT_ID, patternPointId } from './point-id';
import { PAYLOAD, toQdrantFilter } from './qdrant-filter';
import { collectionConfig, labelPayload, LEXICAL_VECTOR, payloadIndexes, searchBatch, toPoint, type PatternPayload } from './qdrant-requests';

/** The part of the REST client this store uses (a `QdrantClient` satisfies it). */
export type QdrantClientLike = Pick<
  QdrantClient,
  'collectionExists' | 'getCollection' | 'createCollection' | 'createPayloadIndex' | 'retrieve' | 'upsert' | 'delete' | 'setPayload' | 'queryBatch' | 'scroll' | 'count'
>;

export interface QdrantPatternStoreOptions {
  client: QdrantClientLike;
  collection: string;
  embedder: { id: string; dimension: number };
  /** Shown in stats (the URL, without credentials). */
  location: string;
}

/** What to do about a collection built for another embedder (Qdrant cannot re-embed or resize in place). */
const REINDEX_HINT =
  'reindex: re-embed the patterns with the configured embedder (`motif reindex` on the embedded source store, then `motif migrate --to qdrant --collection <new>`), or configure the embedder the collection was built with (MOTIF_EMBEDDER) or another QDRANT_COLLECTION';

/** Namespace of the metadata point: invalid as a user namespace (`NamespaceSchema` forbids `:`), so never listed. */
const META_NAMESPACE = 'motif:meta';

const payloadOf = (p: { payload?: Schemas['Payload'] | Record<string, unknown> | null }): PatternPayload => p.payload as unknown as PatternPayload;

/**
 * PatternStore over one Qdrant collection (see README "Qdrant collection layout").
 * Idempotent put = retrieve-then-upsert on a deterministic point id: two writers racing on the same new id both
 * upsert the same content (the id is a content hash), so the result is one point either way; only `created`
 * may be reported true twice. Votes are read-modify-write on the payload: concurrent votes on one pattern from
 * several processes can lose an increment (single-writer per pattern is assumed; the embedded store is exact).
 */
export class QdrantPatternStore implements PatternStore {
  readonly backend = 'qdrant' as const;

  constructor(private readonly options: QdrantPatternStoreOptions) {}

  private get client(): QdrantClientLike {
    return this.options.client;
  }

  private get collection(): string {
    return this.options.collection;
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof MotifError) throw err;
      throw backendUnavailable(`qdrant (${what})`, err);
    }
  }

  async init(): Promise<void> {
    const { id, dimension } = this.options.embedder;
    const exists = await this.call('collectionExists', () => this.client.collectionExists(this.collection));
    if (!exists.exists) {
      await this.call('createCollection', () => this.client.createCollection(this.collection, collectionConfig(dimension)));
      for (const index of payloadIndexes()) {
        await this.call('createPayloadIndex', () => this.client.createPayloadIndex(this.collection, { wait: true, ...index }));
      }
    }
    const [meta] = await this.call('retrieve meta', () => this.client.retrieve(this.collection, { ids: [META_POINT_ID], with_payload: true }));
    const stored = meta?.payload as { embedder_id?: string; embedder_dimension?: number } | undefined;
    // A recorded other embedder is named first; then an existing collection's vector sizes are checked, whatever
    // its meta point says, before this store writes anything (its own meta point included).
    if (stored?.embedder_id && (stored.embedder_id !== id || stored.embedder_dimension !== dimension)) {
      throw new MotifError(
        'EMBEDDER_MISMATCH',
        `Qdrant collection '${this.collection}' was built with embedder '${stored.embedder_id}' (dimension ${stored.embedder_dimension}) but the configured embedder is '${id}' (dimension ${dimension}); ${REINDEX_HINT}`,
        { details: { stored: { id: stored.embedder_id, dimension: stored.embedder_dimension }, configured: { id, dimension } } },
      );
    }
    if (exists.exists) await this.checkVectorSizes(id, dimension);
    if (!stored?.embedder_id) {
      await this.call('upsert meta', () =>
        this.client.upsert(this.collection, {
          wait: true,
          points: [{ id: META_POINT_ID, vector: {}, payload: { kind: 'meta', namespace: META_NAMESPACE, embedder_id: id, embedder_dimension: dimension } }],
        }),
      );
    }
  }

  /**
   * A collection made for another dimension cannot hold this embedder's vectors (Qdrant cannot resize a vector),
   * whatever its meta point says: refuse it before anything is written.
   */
  private async checkVectorSizes(id: string, dimension: number): Promise<void> {
    const info = await this.call('getCollection', () => this.client.getCollection(this.collection));
    const vectors = info.config?.params?.vectors;
    const named = vectors && !('size' in vectors) ? (vectors as Record<string, { size?: number } | undefined>) : undefined;
    for (const name of DENSE_VECTOR_NAMES) {
      const size = named?.[name]?.size;
      if (size === dimension) continue;
      throw new MotifError(
        'EMBEDDER_MISMATCH',
        `Qdrant collection '${this.collection}' ${size === undefined ? `has no vector named '${name}'` : `holds ${size}-d '${name}' vectors`}, but the configured embedder '${id}' makes ${dimension}-d ones; ${REINDEX_HINT}`,
        { details: { collection: this.collection, vector: name, collectionSize: size ?? null, configured: { id, dimension } } },
      );
    }
  }

  async put(record: PatternRecord): Promise<PutResult> {
    return (await this.putMany([record]))[0];
  }

  async putMany(records: readonly PatternRecord[]): Promise<PutResult[]> {
    if (records.length === 0) return [];
    const ids = records.map((r) => patternPointId(r.pattern.namespace, r.pattern.patternId));
    const found = await this.call('retrieve', () => this.client.retrieve(this.collection, { ids: [...new Set(ids)], with_payload: true }));
    const existing = new Map(found.map((p) => [String(p.id), payloadOf(p).pattern]));
    const points: Schemas['PointStruct'][] = [];
    const results = records.map((record, i): PutResult => {
      const prior = existing.get(ids[i]);
      if (prior) return { pattern: prior, created: false };
      existing.set(ids[i], record.pattern);
      points.push(toPoint(record));
      return { pattern: record.pattern, created: true };
    });
    if (points.length) await this.call('upsert', () => this.client.upsert(this.collection, { wait: true, points }));
    return results;
  }

  private async payload(namespace: string, patternId: string): Promise<PatternPayload | null> {
    const [point] = await this.call('retrieve', () => this.client.retrieve(this.collection, { ids: [patternPointId(namespace, patternId)], with_payload: true }));
    return point ? payloadOf(point) : null;
  }

  async get(namespace: string, patternId: string): Promise<InstancePattern | null> {
    return (await this.payload(namespace, patternId))?.pattern ?? null;
  }

  async getMany(namespace: string, patternIds: readonly string[]): Promise<InstancePattern[]> {
    if (patternIds.length === 0) return [];
    const points = await this.call('retrieve', () =>
      this.client.retrieve(this.collection, { ids: patternIds.map((id) => patternPointId(namespace, id)), with_payload: true }),
    );
    const byId = new Map(points.map((p) => [payloadOf(p).pattern_id, payloadOf(p).pattern]));
    return patternIds.flatMap((id) => (byId.has(id) ? [byId.get(id) as InstancePattern] : []));
  }

  async getVectors(namespace: string, patternId: string): Promise<PatternVectors | null> {
    const [point] = await this.call('retrieve', () =>
      this.client.retrieve(this.collection, { ids: [patternPointId(namespace, patternId)], with_payload: true, with_vector: true }),
    );
    if (!point) return null;
    const v = point.vector as Record<string, number[] | Schemas['SparseVector']>;
    const sparse = (v[LEXICAL_VECTOR] as Schemas['SparseVector'] | undefined) ?? { indices: [], values: [] };
    return {
      description: Float32Array.from(v.description as number[]),
      structure: Float32Array.from(v.structure as number[]),
      params: Float32Array.from(v.params as number[]),
      lexical: { indices: [...sparse.indices], values: [...sparse.values] },
    };
  }

  /** Ordered by (created_ms, pattern id). Ties in created_ms beyond one page + 64 rows may repeat or skip. */
  async list(query: ListQuery): Promise<Page<InstancePattern>> {
    const limit = Math.max(1, Math.floor(query.limit));
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const filter = toQdrantFilter(query.namespace, query.filter);
    const startMs = cursor ? Date.parse(cursor.createdAt) : undefined;
    const res = await this.call('scroll', () =>
      this.client.scroll(this.collection, {
        filter,
        limit: limit + 65,
        with_payload: true,
        order_by: { key: PAYLOAD.createdMs, direction: 'asc', ...(startMs !== undefined ? { start_from: startMs } : {}) },
      }),
    );
    const rows = res.points
      .map(payloadOf)
      .sort((a, b) => a.created_ms - b.created_ms || (a.pattern_id < b.pattern_id ? -1 : a.pattern_id > b.pattern_id ? 1 : 0))
      .filter((p) => !cursor || p.created_at > cursor.createdAt || (p.created_at === cursor.createdAt && p.pattern_id > (cursor.key ?? '')));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((p) => p.pattern),
      nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, rowid: 0, key: last.pattern_id }) : null,
    };
  }

  async delete(namespace: string, patternId: string): Promise<boolean> {
    const id = patternPointId(namespace, patternId);
    if (!(await this.payload(namespace, patternId))) return false;
    // The family lives in the pattern's payload, so it goes with the point.
    await this.call('delete', () => this.client.delete(this.collection, { wait: true, points: [id] }));
    return true;
  }

  async addFeedback(namespace: string, patternId: string, votes: readonly FeedbackVoteInput[], at: Date, apply: FeedbackRule): Promise<InstancePattern> {
    const current = await this.payload(namespace, patternId);
    if (!current) throw notFound('pattern', patternId);
    const when = at.toISOString();
    const timed: TimedVote[] = votes.map((v) => ({ dimension: v.dimension, polarity: v.polarity, at: when }));
    const lastVotes = (['content', 'form'] as const).flatMap((dim) => {
      const latest = [...current.last_votes, ...timed].filter((v) => v.dimension === dim).pop();
      return latest ? [latest] : [];
    });
    lastVotes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const pattern = apply(current.pattern, timed, lastVotes);
    await this.call('setPayload', () =>
      this.client.setPayload(this.collection, {
        wait: true,
        points: [patternPointId(namespace, patternId)],
        payload: { pattern, last_votes: lastVotes, ...labelPayload(pattern) },
      }),
    );
    return pattern;
  }

  async search(request: StoreSearchRequest): Promise<StoreSearchHit[]> {
    const exclude = (request.excludeIds ?? []).map((id) => patternPointId(request.namespace, id));
    const built = searchBatch(request, exclude);
    if (!built) return [];
    const perSignal = await this.call('queryBatch', () => this.client.queryBatch(this.collection, built.batch));
    // The union of the signals' lists; ranks from 1, as the embedded store reports them.
    const union = new Map<string, StoreSearchHit>();
    perSignal.forEach((res, i) =>
      res.points.forEach((p, r) => {
        const key = String(p.id);
        let hit = union.get(key);
        if (!hit) union.set(key, (hit = { patternId: payloadOf(p).pattern_id, signals: {} }));
        hit.signals[built.signals[i]] = { rank: r + 1, score: p.score };
      }),
    );
    return [...union.values()];
  }

  async saveFamily(family: VariationFamily): Promise<void> {
    if (!(await this.payload(family.namespace, family.parentId))) throw notFound('pattern', family.parentId);
    await this.call('setPayload', () =>
      this.client.setPayload(this.collection, { wait: true, points: [patternPointId(family.namespace, family.parentId)], payload: { family } }),
    );
  }

  async getFamily(namespace: string, parentId: string): Promise<VariationFamily | null> {
    return (await this.payload(namespace, parentId))?.family ?? null;
  }

  async deleteFamily(namespace: string, parentId: string): Promise<boolean> {
    const current = await this.payload(namespace, parentId);
    if (!current?.family) return false;
    await this.call('setPayload', () =>
      this.client.setPayload(this.collection, { wait: true, points: [patternPointId(namespace, parentId)], payload: { family: null } }),
    );
    return true;
  }

  async count(namespace?: string): Promise<number> {
    const filter: Schemas['Filter'] =
      namespace === undefined ? { must: [{ key: PAYLOAD.kind, match: { value: 'pattern' } }] } : toQdrantFilter(namespace, {});
    return (await this.call('count', () => this.client.count(this.collection, { filter, exact: true }))).count;
  }

  async stats(): Promise<StoreStats> {
    const families = await this.call('count', () =>
      this.client.count(this.collection, {
        filter: { must: [{ key: PAYLOAD.kind, match: { value: 'pattern' } }], must_not: [{ is_null: { key: 'family' } }, { is_empty: { key: 'family' } }] },
        exact: true,
      }),
    );
    return { backend: 'qdrant', patterns: await this.count(), families: families.count, embedder: { id: this.options.embedder.id, dimension: this.options.embedder.dimension }, location: `${this.options.location}/${this.collection}` };
  }

  async ping(): Promise<void> {
    await this.call('ping', () => this.client.collectionExists(this.collection));
  }

  async close(): Promise<void> {
    // The REST client holds no connection that needs closing.
  }
}
