import type { QdrantClient, Schemas } from '@qdrant/js-client-rest';
import type { QdrantClientLike } from './qdrant-pattern-store';
import { cosine } from '../search/mmr';

type Args<K extends keyof QdrantClientLike> = Parameters<QdrantClient[K]>;
type Result<K extends keyof QdrantClientLike> = ReturnType<QdrantClient[K]>;
type Point = { id: string; vector: Record<string, number[] | Schemas['SparseVector']>; payload: Record<string, unknown> };

const asArray = <T>(x: T | T[] | null | undefined | Record<string, unknown>): T[] => (x == null ? [] : Array.isArray(x) ? x : [x as T]);

/** `with_payload`: true for all of it, or a list of the top-level keys to include (as the server does). */
function selectPayload(payload: Record<string, unknown>, selector: unknown): Record<string, unknown> {
  if (!Array.isArray(selector)) return structuredClone(payload);
  return Object.fromEntries(selector.filter((k): k is string => typeof k === 'string' && k in payload).map((k) => [k, structuredClone(payload[k])]));
}

function valueAt(payload: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), payload);
}

function matches(point: Point, filter: Schemas['Filter'] | Record<string, unknown> | null | undefined): boolean {
  if (!filter) return true;
  const f = filter as Schemas['Filter'];
  const must = asArray<Schemas['Condition']>(f.must);
  const mustNot = asArray<Schemas['Condition']>(f.must_not);
  const should = asArray<Schemas['Condition']>(f.should);
  return must.every((c) => condition(point, c)) && !mustNot.some((c) => condition(point, c)) && (should.length === 0 || should.some((c) => condition(point, c)));
}

function condition(point: Point, c: Schemas['Condition']): boolean {
  if ('has_id' in c) return c.has_id.map(String).includes(point.id);
  if ('key' in c) {
    const raw = valueAt(point.payload, c.key);
    const values = Array.isArray(raw) ? raw : [raw];
    const m = c.match as Schemas['Match'] | undefined;
    if (m && 'value' in m) return values.includes(m.value);
    if (m && 'any' in m) return values.some((v) => (m.any as unknown[]).includes(v));
    throw new Error(`fake qdrant: unsupported field condition ${JSON.stringify(c)}`);
  }
  if ('is_empty' in c) {
    const v = valueAt(point.payload, (c as Schemas['IsEmptyCondition']).is_empty.key);
    return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  }
  if ('is_null' in c) return valueAt(point.payload, (c as Schemas['IsNullCondition']).is_null.key) === null;
  if ('must' in c || 'must_not' in c || 'should' in c) return matches(point, c as Schemas['Filter']);
  throw new Error(`fake qdrant: unsupported condition ${JSON.stringify(c)}`);
}


/**
 * An in-memory stand-in for a Qdrant server, for unit-testing QdrantPatternStore's own logic (payload handling,
 * idempotence, feedback, families, cursors) through the shared contract suite. It mimics the documented semantics
 * of the calls the store makes (filters, cosine and IDF-weighted sparse search, RRF fusion, ordered scroll);
 * it is not a substitute for running the suite against a real server (QDRANT_URL).
 */
export class FakeQdrant implements QdrantClientLike {
  private readonly collections = new Map<string, Map<string, Point>>();
  private readonly configs = new Map<string, Schemas['CreateCollection']>();
  readonly requests: Array<{ method: string; args: unknown }> = [];

  private points(name: string): Map<string, Point> {
    const c = this.collections.get(name);
    if (!c) throw new Error(`Not found: Collection \`${name}\` doesn't exist!`);
    return c;
  }

  private out(p: Point, withPayload: unknown, withVector: unknown): Schemas['Record'] {
    return { id: p.id, ...(withPayload ? { payload: selectPayload(p.payload, withPayload) } : {}), ...(withVector ? { vector: structuredClone(p.vector) } : {}) };
  }

  async collectionExists(...[name]: Args<'collectionExists'>): Result<'collectionExists'> {
    return { exists: this.collections.has(name) };
  }

  async createCollection(...[name, args]: Args<'createCollection'>): Result<'createCollection'> {
    this.requests.push({ method: 'createCollection', args });
    this.collections.set(name, new Map());
    this.configs.set(name, structuredClone(args));
    return true;
  }

  /** Only `config.params` (vectors, sparse vectors) is filled in: the part Motif reads. */
  async getCollection(...[name]: Parameters<QdrantClient['getCollection']>): ReturnType<QdrantClient['getCollection']> {
    const config = this.configs.get(name);
    if (!config) throw new Error(`Not found: Collection \`${name}\` doesn't exist!`);
    const info = { status: 'green', optimizer_status: 'ok', segments_count: 1, points_count: this.points(name).size, payload_schema: {}, config: { params: { vectors: config.vectors, sparse_vectors: config.sparse_vectors } } };
    return info as unknown as Schemas['CollectionInfo'];
  }

  async createPayloadIndex(...[, args]: Args<'createPayloadIndex'>): Result<'createPayloadIndex'> {
    this.requests.push({ method: 'createPayloadIndex', args });
    return { operation_id: 0, status: 'completed' };
  }

  async retrieve(...[name, args]: Args<'retrieve'>): Result<'retrieve'> {
    const c = this.points(name);
    return args.ids.flatMap((id) => {
      const p = c.get(String(id));
      return p ? [this.out(p, args.with_payload, args.with_vector)] : [];
    });
  }

  async upsert(...[name, args]: Args<'upsert'>): Result<'upsert'> {
    const c = this.points(name);
    const vectors = this.configs.get(name)?.vectors as Record<string, Schemas['VectorParams']> | undefined;
    for (const p of (args as { points: Schemas['PointStruct'][] }).points) {
      // As the server does: a dense vector of the wrong size fails the whole request.
      for (const [using, v] of Object.entries((p.vector ?? {}) as Record<string, unknown>)) {
        const size = vectors?.[using]?.size;
        if (Array.isArray(v) && size !== undefined && v.length !== size) throw new Error(`Wrong input: Vector dimension error: expected dim: ${size}, got ${v.length}`);
      }
    }
    for (const p of (args as { points: Schemas['PointStruct'][] }).points) {
      c.set(String(p.id), { id: String(p.id), vector: structuredClone(p.vector) as Point['vector'], payload: structuredClone((p.payload ?? {}) as Record<string, unknown>) });
    }
    return { operation_id: 0, status: 'completed' };
  }

  async delete(...[name, args]: Args<'delete'>): Result<'delete'> {
    const c = this.points(name);
    for (const id of (args as { points: Array<string | number> }).points) c.delete(String(id));
    return { operation_id: 0, status: 'completed' };
  }

  async setPayload(...[name, args]: Args<'setPayload'>): Result<'setPayload'> {
    const c = this.points(name);
    for (const id of args.points ?? []) {
      const p = c.get(String(id));
      if (p) Object.assign(p.payload, structuredClone(args.payload));
    }
    return { operation_id: 0, status: 'completed' };
  }

  async count(...[name, args]: Args<'count'>): Result<'count'> {
    return { count: [...this.points(name).values()].filter((p) => matches(p, args?.filter)).length };
  }

  async scroll(...[name, args]: Args<'scroll'>): Result<'scroll'> {
    const order = args?.order_by as Schemas['OrderBy'] | undefined;
    let rows = [...this.points(name).values()].filter((p) => matches(p, args?.filter));
    if (order) {
      const key = (p: Point): number => Number(valueAt(p.payload, order.key));
      const from = order.start_from === undefined || order.start_from === null ? -Infinity : Number(order.start_from);
      rows = rows.filter((p) => key(p) >= from).sort((a, b) => key(a) - key(b));
    }
    return { points: rows.slice(0, args?.limit ?? 10).map((p) => this.out(p, args?.with_payload, args?.with_vector)), next_page_offset: null };
  }

  async queryBatch(...[name, args]: Args<'queryBatch'>): Result<'queryBatch'> {
    return args.searches.map((q) => ({ points: this.query(name, q) }));
  }

  private query(name: string, q: Schemas['QueryRequest']): Schemas['ScoredPoint'][] {
    const limit = q.limit ?? 10;
    const withPayload = 'with_payload' in q ? q.with_payload : false;
    const c = this.points(name);
    // Plain per-signal queries only: Motif never asks the server to fuse (prefetch + rrf).
    if (asArray(q.prefetch).length) throw new Error('FakeQdrant: prefetch/fusion queries are not supported');
    const using = q.using as string;
    const query = q.query as number[] | Schemas['SparseVector'];
    const candidates = [...c.values()].filter((p) => p.vector[using] !== undefined && matches(p, q.filter));
    let scored: Array<{ p: Point; score: number }>;
    if (Array.isArray(query)) {
      scored = candidates.map((p) => ({ p, score: cosine(query, p.vector[using] as number[]) }));
    } else {
      const all = [...c.values()].filter((p) => p.vector[using] !== undefined);
      const df = (term: number): number => all.filter((p) => (p.vector[using] as Schemas['SparseVector']).indices.includes(term)).length;
      const idf = new Map(query.indices.map((t) => [t, Math.log(1 + (all.length - df(t) + 0.5) / (df(t) + 0.5))]));
      scored = candidates
        .map((p) => {
          const v = p.vector[using] as Schemas['SparseVector'];
          let score = 0;
          query.indices.forEach((t, i) => {
            const j = v.indices.indexOf(t);
            if (j >= 0) score += query.values[i] * v.values[j] * (idf.get(t) ?? 0);
          });
          return { p, score };
        })
        .filter((s) => s.score > 0);
    }
    return scored
      .sort((a, b) => b.score - a.score || (a.p.id < b.p.id ? -1 : 1))
      .slice(0, limit)
      .map(({ p, score }) => ({ id: p.id, version: 0, score, ...(withPayload ? { payload: selectPayload(p.payload, withPayload) } : {}) }));
  }
}
