import type { PatternStore } from '@motif/core-types';
import { describePatternStoreContract } from '../contract/pattern-store.contract';
import { FakeQdrant } from './fake-qdrant';
import { QdrantPatternStore } from './qdrant-pattern-store';

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
