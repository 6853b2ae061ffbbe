import { QdrantClient } from '@qdrant/js-client-rest';
import type { PatternStore } from '@motif/core-types';
import { describePatternStoreContract } from '../contract/pattern-store.contract';
import { QdrantPatternStore } from './qdrant-pattern-store';

const url = process.env.QDRANT_URL;

if (url) {
  const client = new QdrantClient({ url, apiKey: process.env.QDRANT_API_KEY, checkCompatibility: false });
  const collections: string[] = [];
  const collectionOf = new WeakMap<PatternStore, string>();
  afterAll(async () => {
    for (const c of collections) await client.deleteCollection(c).catch(() => undefined);
  });
  describePatternStoreContract('qdrant', async ({ embedder, reopen }) => {
    const collection = reopen ? (collectionOf.get(reopen) as string) : `motif_contract_${process.pid}_${collections.length}_${Date.now()}`;
    if (!reopen) collections.push(collection);
    const store = new QdrantPatternStore({ client, collection, embedder, location: url });
    collectionOf.set(store, collection);
    await store.init();
    return store;
  });
} else {
  // No server here (none can be installed on these machines): the same contract tests are registered and
  // skipped one by one, so the run reports each of them (the skip reporter counts them at the end of npm test).
  process.stderr.write('\n[motif] Qdrant contract suite SKIPPED: set QDRANT_URL (and QDRANT_API_KEY) to run it against a server\n');
  describe.skip('set QDRANT_URL to run it', () => {
    describePatternStoreContract('qdrant', () => Promise.reject(new Error('no Qdrant server (QDRANT_URL is not set)')));
  });
}
