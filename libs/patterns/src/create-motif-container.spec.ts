import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, TOKENS } from '@motif/core-types';
import { EmbeddedPatternStore, ThreadedUseLiteEmbedder } from '@motif/vector-store';
import { createMotifContainer } from './create-motif-container';

// The real model, in its worker thread (~0.5 s).
describe('createMotifContainer({ warm: true }) with the sentence model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motif-warm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => jest.restoreAllMocks());

  it('starts loading the model in its worker before opening the store, returns once both are ready, and ends the worker on close', async () => {
    const events: string[] = [];
    const warm = ThreadedUseLiteEmbedder.prototype.warm;
    jest.spyOn(ThreadedUseLiteEmbedder.prototype, 'warm').mockImplementation(function (this: ThreadedUseLiteEmbedder) {
      events.push('model: start');
      return warm.call(this).then(() => void events.push('model: ready'));
    });
    const init = EmbeddedPatternStore.prototype.init;
    jest.spyOn(EmbeddedPatternStore.prototype, 'init').mockImplementation(function (this: EmbeddedPatternStore) {
      events.push('store: open');
      return init.call(this);
    });
    const indexLoad = EmbeddedPatternStore.prototype.warm;
    jest.spyOn(EmbeddedPatternStore.prototype, 'warm').mockImplementation(function (this: EmbeddedPatternStore) {
      events.push('store: index');
      return indexLoad.call(this);
    });
    const close = jest.spyOn(ThreadedUseLiteEmbedder.prototype, 'close');

    const runtime = await createMotifContainer({ ...resolveConfig({ env: {}, flags: { dataDir: dir } }), logLevel: 'silent' }, { warm: true });
    events.push('returned');
    try {
      expect(runtime.container.get(TOKENS.Embedder).description).toBeDefined();
      expect(events.slice(0, 3)).toEqual(['model: start', 'store: open', 'store: index']);
      expect(events.indexOf('model: ready')).toBeLessThan(events.indexOf('returned'));
    } finally {
      await runtime.close();
    }
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('with awaitModel: false, returns once the index is in while the model still loads; the first embedding waits for it', async () => {
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const warm = ThreadedUseLiteEmbedder.prototype.warm;
    jest.spyOn(ThreadedUseLiteEmbedder.prototype, 'warm').mockImplementation(function (this: ThreadedUseLiteEmbedder) {
      return Promise.all([warm.call(this), gate]).then(() => void events.push('model: ready'));
    });
    const runtime = await createMotifContainer({ ...resolveConfig({ env: {}, flags: { dataDir: dir } }), logLevel: 'silent' }, { warm: true, vectors: ['description'], awaitModel: false });
    events.push('returned');
    try {
      release();
      const vector = await runtime.container.get(TOKENS.Embedder).description.embed('server status');
      expect(vector).toHaveLength(512);
      expect(events[0]).toBe('returned');
    } finally {
      await runtime.close();
    }
  });

  it('loads nothing ahead without warm (a command that does not search)', async () => {
    const warm = jest.spyOn(ThreadedUseLiteEmbedder.prototype, 'warm');
    const runtime = await createMotifContainer({ ...resolveConfig({ env: {}, flags: { dataDir: dir } }), logLevel: 'silent' });
    await runtime.close();
    expect(warm).not.toHaveBeenCalled();
  });
});
