import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Container } from 'inversify';
import { MotifConfigSchema, TOKENS } from '@motif/core-types';
import { EmbeddedPatternStore } from './embedded/embedded-pattern-store';
import { QdrantPatternStore } from './qdrant/qdrant-pattern-store';
import { vectorStoreModule } from './vector-store-module';

describe('vectorStoreModule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motif-module-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const containerFor = (input: object): Container => {
    const container = new Container();
    container.bind(TOKENS.Config).toConstantValue(MotifConfigSchema.parse({ dataDir: dir, ...input }));
    container.load(vectorStoreModule);
    return container;
  };

  it('binds the hashing embedder at the configured dimension and the embedded store by default', async () => {
    const container = containerFor({ embedder: { kind: 'hashing', dimension: 96 } });
    const embedder = container.get(TOKENS.Embedder);
    expect(embedder.dimension).toBe(96);
    const store = container.get(TOKENS.PatternStore);
    expect(store).toBeInstanceOf(EmbeddedPatternStore);
    expect(container.get(TOKENS.PatternStore)).toBe(store);
    await store.init();
    expect((await store.stats()).location).toBe(join(dir, 'motif.db'));
    expect((await store.stats()).embedder).toEqual({ id: embedder.id, dimension: 96 });
    await store.close();
  });

  it('binds the Qdrant store when qdrant.url is set, without contacting the server', async () => {
    const container = containerFor({ qdrant: { url: 'http://user:secret@qdrant.invalid:6333', collection: 'c1' } });
    const store = container.get(TOKENS.PatternStore);
    expect(store).toBeInstanceOf(QdrantPatternStore);
    expect(store.backend).toBe('qdrant');
  });
});
