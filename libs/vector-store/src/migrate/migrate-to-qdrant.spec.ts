import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyVotes, DEFAULT_NAMESPACE, type InstancePattern } from '@motif/core-types';
import { rankedBy } from '../contract/candidate-views';
import { testPattern } from '../contract/test-patterns';
import { EmbeddedPatternStore } from '../embedded/embedded-pattern-store';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { LexicalEncoder } from '../embedding/lexical-encoder';
import { PatternIndexer } from '../embedding/pattern-indexer';
import { FakeQdrant } from '../qdrant/fake-qdrant';
import { QdrantPatternStore } from '../qdrant/qdrant-pattern-store';
import { collectionConfig } from '../qdrant/qdrant-requests';
import { migrateToQdrant, type MigrationProgress } from './migrate-to-qdrant';

// Every test here runs against FakeQdrant, an in-process stand-in: no Qdrant server can run on this machine.
const embedder = new HashingEmbedder({ dimension: 32 });
const indexer = new PatternIndexer(embedder);
const lex = new LexicalEncoder();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const pattern = (i: number, namespace = DEFAULT_NAMESPACE): InstancePattern =>
  testPattern({ patternId: `p${i}`, namespace, description: `card number ${i} about ${['servers', 'invoices', 'meetings'][i % 3]}` });

async function sourceStore(n: number): Promise<EmbeddedPatternStore> {
  const dir = mkdtempSync(join(tmpdir(), 'motif-migrate-'));
  dirs.push(dir);
  const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
  await store.init();
  await store.putMany(Array.from({ length: n }, (_, i) => indexer.toRecordSync(pattern(i, i % 4 === 0 ? 'team-b' : DEFAULT_NAMESPACE))));
  await store.addFeedback(DEFAULT_NAMESPACE, 'p1', [{ dimension: 'content', polarity: 'positive' }, { dimension: 'form', polarity: 'negative' }], new Date('2026-01-02T00:00:00Z'), applyVotes);
  await store.addFeedback(DEFAULT_NAMESPACE, 'p2', [{ dimension: 'content', polarity: 'negative' }], new Date('2026-01-03T00:00:00Z'), applyVotes);
  const parent = (await store.get(DEFAULT_NAMESPACE, 'p1')) as InstancePattern;
  await store.saveFamily({
    parentId: 'p1',
    namespace: DEFAULT_NAMESPACE,
    sourcePattern: parent,
    variations: [],
    cacheKeys: ['k1'],
    seed: 'seed',
    options: { structure: 1, parameter: 1 },
    diversity: { distinctStructures: 1, edgeCoverage: 0.1, meanPairwiseDistance: 0 },
    engineVersion: 'test',
  });
  return store;
}

const options = (client: FakeQdrant, extra: Partial<Parameters<typeof migrateToQdrant>[1]> = {}) => ({ client, collection: 'motif_patterns', location: 'fake://qdrant', batchSize: 7, ...extra });
const target = (client: FakeQdrant) => new QdrantPatternStore({ client, collection: 'motif_patterns', embedder, location: 'fake://qdrant' });

describe('migrateToQdrant (against the in-process fake Qdrant, not a real server)', () => {
  it('moves patterns, vectors, vote counts and labels, latest votes and families; the Qdrant store then serves them', async () => {
    const source = await sourceStore(30);
    const client = new FakeQdrant();
    const summary = await migrateToQdrant(source, options(client));
    expect(summary).toMatchObject({ total: 30, moved: 30, resumedAfter: 0, withVotes: 2, families: 1, targetPatterns: 30, embedder: { id: embedder.id, dimension: 32 } });
    const q = target(client);
    await q.init();
    for (const ns of [DEFAULT_NAMESPACE, 'team-b']) expect(await q.count(ns)).toBe(await source.count(ns));
    expect(await q.get(DEFAULT_NAMESPACE, 'p1')).toEqual(await source.get(DEFAULT_NAMESPACE, 'p1'));
    expect((await q.get(DEFAULT_NAMESPACE, 'p1'))?.feedbackCounts.content.positive).toBe(1);
    expect((await q.get(DEFAULT_NAMESPACE, 'p2'))?.feedback).toBe('negative');
    const v = await q.getVectors(DEFAULT_NAMESPACE, 'p5');
    const w = await source.getVectors(DEFAULT_NAMESPACE, 'p5');
    expect(Array.from(v?.description ?? [])).toEqual(Array.from(w?.description ?? []));
    expect(v?.lexical).toEqual(w?.lexical);
    expect(await q.getFamily(DEFAULT_NAMESPACE, 'p1')).toEqual(await source.getFamily(DEFAULT_NAMESPACE, 'p1'));
    const text = 'card number 5 about invoices';
    const hits = await q.search({ namespace: DEFAULT_NAMESPACE, prefetchLimit: 20, dense: { description: embedder.embedSync(text) }, lexical: { sparse: lex.encode(text) }, filter: {} });
    expect(rankedBy(hits, 'description')[0]).toBe('p5');
    // The moved votes keep working: a new vote on the target uses the migrated counts.
    const voted = await q.addFeedback(DEFAULT_NAMESPACE, 'p1', [{ dimension: 'content', polarity: 'positive' }], new Date('2026-01-04T00:00:00Z'), applyVotes);
    expect(voted.feedbackCounts.content.positive).toBe(2);
    await source.close();
  });

  it('is idempotent: running it again leaves exactly the same points', async () => {
    const source = await sourceStore(20);
    const client = new FakeQdrant();
    await migrateToQdrant(source, options(client));
    const dump = async () => (await client.scroll('motif_patterns', { limit: 1000, with_payload: true, with_vector: true })).points.filter((p) => (p.payload as { kind: string }).kind === 'pattern');
    const first = await dump();
    const again = await migrateToQdrant(source, options(client));
    expect(again).toMatchObject({ moved: 20, resumedAfter: 0, targetPatterns: 20 });
    expect(await dump()).toEqual(first);
    await source.close();
  });

  it('resumes after an interruption: batches already moved are not moved again, and the result equals an uninterrupted run', async () => {
    const source = await sourceStore(40);
    const client = new FakeQdrant();
    const upsert = client.upsert.bind(client);
    let patternBatches = 0;
    client.upsert = (async (...args: Parameters<FakeQdrant['upsert']>) => {
      const body = args[1] as { points?: Array<{ payload?: unknown }> };
      const isPatterns = body.points?.some((p) => (p.payload as { kind?: string } | undefined)?.kind === 'pattern');
      if (isPatterns && ++patternBatches === 4) throw new Error('connection reset');
      return upsert(...args);
    }) as FakeQdrant['upsert'];
    await expect(migrateToQdrant(source, options(client, { batchSize: 5 }))).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(await client.count('motif_patterns', { filter: { must: [{ key: 'kind', match: { value: 'pattern' } }] }, exact: true })).toEqual({ count: 15 });
    const progress: MigrationProgress[] = [];
    const resumed = await migrateToQdrant(source, options(client, { batchSize: 5, onProgress: (p) => progress.push(p) }));
    expect(resumed).toMatchObject({ total: 40, moved: 25, resumedAfter: 15, targetPatterns: 40 });
    expect(progress[0]).toEqual({ done: 15, total: 40 });
    expect(progress.at(-1)).toEqual({ done: 40, total: 40 });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    const clean = new FakeQdrant();
    await migrateToQdrant(source, options(clean, { batchSize: 5 }));
    const patternsOf = async (c: FakeQdrant) =>
      (await c.scroll('motif_patterns', { limit: 1000, with_payload: true, with_vector: true })).points.filter((p) => (p.payload as { kind: string }).kind === 'pattern').sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(await patternsOf(client)).toEqual(await patternsOf(clean));
    await source.close();
  });

  it('refuses a collection whose vector size differs, before writing anything', async () => {
    const source = await sourceStore(3);
    const client = new FakeQdrant();
    await client.createCollection('motif_patterns', collectionConfig(512));
    await expect(migrateToQdrant(source, options(client))).rejects.toMatchObject({ code: 'EMBEDDER_MISMATCH', message: expect.stringMatching(/512-d 'description' vectors.*32-d/) });
    expect((await client.count('motif_patterns', {})).count).toBe(0);
    await source.close();
  });

  it('refuses a collection built for another embedder of the same dimension', async () => {
    const source = await sourceStore(3);
    const client = new FakeQdrant();
    await new QdrantPatternStore({ client, collection: 'motif_patterns', embedder: { id: 'use-lite-32', dimension: 32 }, location: 'fake://qdrant' }).init();
    await expect(migrateToQdrant(source, options(client))).rejects.toMatchObject({ code: 'EMBEDDER_MISMATCH', message: expect.stringMatching(/use-lite-32/) });
    expect((await client.count('motif_patterns', { filter: { must: [{ key: 'kind', match: { value: 'pattern' } }] } })).count).toBe(0);
    await source.close();
  });
});
