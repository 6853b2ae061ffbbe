import { applyVotes, DEFAULT_NAMESPACE, type PatternStore } from '@motif/core-types';
import { describePatternStoreContract } from '../contract/pattern-store.contract';
import { CORPUS } from '../contract/test-patterns';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { LexicalEncoder } from '../embedding/lexical-encoder';
import { PatternIndexer } from '../embedding/pattern-indexer';
import { FakeQdrant } from './fake-qdrant';
import { QdrantPatternStore } from './qdrant-pattern-store';
import { collectionConfig, toPoint } from './qdrant-requests';

// The store's own logic through the shared contract, against an in-memory fake of the server
// (the real-server run is qdrant-pattern-store.spec.ts, enabled by QDRANT_URL).
const server = new FakeQdrant();
const collectionOf = new WeakMap<PatternStore, string>();
let n = 0;

describePatternStoreContract('qdrant (in-memory fake server)', async ({ embedder, reopen }) => {
  const collection = reopen ? (collectionOf.get(reopen) as string) : `c${n++}`;
  const store = new QdrantPatternStore({ client: server, collection, embedder, location: 'fake://' });
  collectionOf.set(store, collection);
  await store.init();
  return store;
});

describe('QdrantPatternStore collection setup', () => {
  it('creates the collection with named + sparse vectors and the payload indexes once', async () => {
    const fresh = new FakeQdrant();
    const embedder = { id: 'e', dimension: 8 };
    await new QdrantPatternStore({ client: fresh, collection: 'x', embedder, location: 'fake://' }).init();
    await new QdrantPatternStore({ client: fresh, collection: 'x', embedder, location: 'fake://' }).init();
    expect(fresh.requests.filter((r) => r.method === 'createCollection')).toHaveLength(1);
    expect(fresh.requests.filter((r) => r.method === 'createPayloadIndex').map((r) => (r.args as { field_name: string }).field_name)).toContain('namespace');
  });
});

describe('QdrantPatternStore and a collection of another embedder', () => {
  const writes = (q: FakeQdrant, from: number) => q.requests.slice(from).filter((r) => ['createCollection', 'upsert', 'delete', 'setPayload'].includes(r.method));

  it('refuses a collection made with another dimension with EMBEDDER_MISMATCH saying to reindex, and writes nothing', async () => {
    const q = new FakeQdrant();
    await new QdrantPatternStore({ client: q, collection: 'x', embedder: { id: 'hashing-v1:words+c3:stem+stop:384', dimension: 384 }, location: 'fake://' }).init();
    const before = q.requests.length;
    const err = await new QdrantPatternStore({ client: q, collection: 'x', embedder: { id: 'use-lite-v1:512', dimension: 512 }, location: 'fake://' }).init().then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'EMBEDDER_MISMATCH', message: expect.stringMatching(/collection 'x' was built with embedder 'hashing-v1:words\+c3:stem\+stop:384' \(dimension 384\) but the configured embedder is 'use-lite-v1:512' \(dimension 512\); reindex: .*motif reindex/) });
    expect(writes(q, before)).toEqual([]);
  });

  it('refuses a collection of that size made by someone else (no meta point) before writing its meta point', async () => {
    const q = new FakeQdrant();
    await q.createCollection('other', collectionConfig(256));
    const before = q.requests.length;
    await expect(new QdrantPatternStore({ client: q, collection: 'other', embedder: { id: 'e', dimension: 512 }, location: 'fake://' }).init()).rejects.toMatchObject({ code: 'EMBEDDER_MISMATCH', message: expect.stringMatching(/256-d .*motif reindex/) });
    expect(writes(q, before)).toEqual([]);
  });

  it('refuses the same dimension recorded for another embedder id, also saying to reindex', async () => {
    const q = new FakeQdrant();
    await new QdrantPatternStore({ client: q, collection: 'y', embedder: { id: 'hashing-v1:words+c3:stem+stop:512', dimension: 512 }, location: 'fake://' }).init();
    await expect(new QdrantPatternStore({ client: q, collection: 'y', embedder: { id: 'use-lite-v1:512', dimension: 512 }, location: 'fake://' }).init()).rejects.toMatchObject({ code: 'EMBEDDER_MISMATCH', message: expect.stringMatching(/built with embedder 'hashing-v1.*motif reindex/) });
  });
});

describe('QdrantPatternStore and points written by older builds', () => {
  it('reads, searches and votes on a point that still carries `lexical_text`, and no longer writes it', async () => {
    const q = new FakeQdrant();
    const embedder = new HashingEmbedder({ dimension: 32 });
    const store = new QdrantPatternStore({ client: q, collection: 'old', embedder, location: 'fake://' });
    await store.init();
    const record = new PatternIndexer(embedder).toRecordSync(CORPUS.status());
    const point = toPoint(record);
    expect(point.payload).not.toHaveProperty('lexical_text');
    // What an older build upserted: the same point plus the lexical text in the payload.
    await q.upsert('old', { wait: true, points: [{ ...point, payload: { ...point.payload, lexical_text: 'server status refresh' } }] });
    expect(await store.get(DEFAULT_NAMESPACE, 'status')).toEqual(record.pattern);
    expect((await store.getVectors(DEFAULT_NAMESPACE, 'status'))?.lexical).toEqual(record.vectors.lexical);
    const lexical = new LexicalEncoder();
    const hits = await store.search({ namespace: DEFAULT_NAMESPACE, prefetchLimit: 5, dense: {}, lexical: { sparse: lexical.encode('server status') }, filter: {} });
    expect(hits.map((h) => h.patternId)).toEqual(['status']);
    const voted = await store.addFeedback(DEFAULT_NAMESPACE, 'status', [{ dimension: 'content', polarity: 'positive' }], new Date(), applyVotes);
    expect(voted.contentFeedback).toBe('positive');
  });
});
