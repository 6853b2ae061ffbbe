import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Container } from 'inversify';
import { isMotifError, MotifConfigSchema, TOKENS } from '@motif/core-types';
import { vectorStoreModule } from '../vector-store-module';
import { ThreadedUseLiteEmbedder } from './threaded-use-lite-embedder';
import { adoptEarlyModelWorker, discardEarlyModelWorker, startUseLiteModelEarly, USE_LITE_WORKER_FILE } from './use-lite-early-start';
import { UseLiteEmbedder } from './use-lite-embedder';

const maxDiff = (a: Float32Array, b: Float32Array): number => Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i])));
/** The requests posted to every worker thread meanwhile (the embedder's own, not the early warm-up's). */
const posted = (spy: jest.SpyInstance): Array<{ kind: string; id: number }> => spy.mock.calls.map(([m]) => m as { kind: string; id: number });

// The real model, in this thread and in workers: a few seconds for the file.
describe('the use-lite worker started early (`@motif/vector-store/early-start`)', () => {
  const direct = new UseLiteEmbedder();
  afterEach(() => {
    discardEarlyModelWorker();
    jest.restoreAllMocks();
  });

  it('is adopted by the embedder: its warm-up stands for the embedder\'s, and its first call embeds the given text', async () => {
    startUseLiteModelEarly({ text: 'Incident alert for the payments API' });
    const spy = jest.spyOn(Worker.prototype, 'postMessage');
    const embedder = new ThreadedUseLiteEmbedder();
    try {
      await embedder.warm();
      const first = await embedder.embed('Incident alert for the payments API');
      expect(posted(spy)).toEqual([]); // no request of its own: the warm-up and the vector came from the early worker
      expect(maxDiff(first, await direct.embed('Incident alert for the payments API'))).toBeLessThan(1e-6);
      const again = await embedder.embed('Incident alert for the payments API'); // once only: now the model is asked
      expect(posted(spy).map((m) => m.kind)).toEqual(['embed']);
      expect(maxDiff(again, first)).toBeLessThan(1e-6);
      expect(adoptEarlyModelWorker({ dimension: 512 }, USE_LITE_WORKER_FILE)).toBeUndefined(); // taken, once
    } finally {
      await embedder.close();
    }
  });

  it('is found by another copy of this module (a bundled CLI starts it in one bundle and adopts it in another)', () => {
    let copy: typeof import('./use-lite-early-start') | undefined;
    jest.isolateModules(() => {
      copy = jest.requireActual<typeof import('./use-lite-early-start')>('./use-lite-early-start');
    });
    expect(copy?.adoptEarlyModelWorker).not.toBe(adoptEarlyModelWorker); // a second instance of the module
    startUseLiteModelEarly({ text: 'Poll' });
    const found = copy?.adoptEarlyModelWorker({ dimension: 512 }, USE_LITE_WORKER_FILE);
    expect(found?.text).toBe('Poll');
    expect(adoptEarlyModelWorker({ dimension: 512 }, USE_LITE_WORKER_FILE)).toBeUndefined(); // taken, by the copy
    void found?.worker.terminate();
  });

  it('is not adopted by an embedder it does not fit (another batch size), which starts its own', async () => {
    startUseLiteModelEarly({ text: 'Poll' });
    const spy = jest.spyOn(Worker.prototype, 'postMessage');
    const embedder = new ThreadedUseLiteEmbedder({ batchSize: 4 });
    try {
      expect(maxDiff(await embedder.embed('Poll'), await direct.embed('Poll'))).toBeLessThan(1e-6);
      expect(posted(spy).map((m) => m.kind)).toEqual(['embed']);
    } finally {
      await embedder.close();
    }
  });

  it('is discarded when the container picks the hashing embedder for the store', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-early-'));
    try {
      startUseLiteModelEarly();
      const container = new Container();
      container.bind(TOKENS.Config).toConstantValue(MotifConfigSchema.parse({ dataDir: dir, embedder: { kind: 'hashing' } }));
      container.load(vectorStoreModule);
      expect(container.get(TOKENS.Embedder).id).toMatch(/^hashing/);
      expect(adoptEarlyModelWorker({ dimension: 512 }, USE_LITE_WORKER_FILE)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a worker that cannot start to the embedder that adopts it, as a MotifError (INTERNAL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-early-'));
    try {
      const broken = join(dir, 'broken-worker.js');
      writeFileSync(broken, "throw new Error('no model here');\n");
      startUseLiteModelEarly({ workerFile: broken, text: 'Poll' });
      const embedder = new ThreadedUseLiteEmbedder({}, broken);
      const error: unknown = await embedder.warm().catch((e: unknown) => e);
      expect(isMotifError(error) && error.code).toBe('INTERNAL');
      expect((error as Error).message).toContain('no model here');
      await expect(embedder.embed('Poll')).rejects.toThrow('no model here'); // a worker of its own, broken the same way
      await embedder.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('costs a command nothing of Motif to require (no schemas, no zod), and does not keep the process alive', () => {
    const entry = join(USE_LITE_WORKER_FILE, '..', '..', 'early-start', 'index.js');
    const script = [
      `const { startUseLiteModelEarly } = require(${JSON.stringify(entry)});`,
      'const loaded = Object.keys(require.cache);',
      'startUseLiteModelEarly({ text: "Poll" });',
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    // Exits by itself although the worker is still loading the model: nobody adopted it.
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 })) as string[];
    expect(loaded.filter((f) => /[\\/](zod|core-types|inversify|@energetic-ai)[\\/]/.test(f))).toEqual([]);
    expect(loaded.map((f) => f.split(/[\\/]dist[\\/]/)[1]).sort()).toEqual(['early-start/compile-cache.js', 'early-start/index.js', 'embedding/use-lite-early-start.js']);
  });
});
