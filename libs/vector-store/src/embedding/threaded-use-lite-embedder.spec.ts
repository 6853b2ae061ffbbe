import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { isMotifError } from '@motif/core-types';
import { createEmbedderSet } from './embedder-set';
import { ThreadedUseLiteEmbedder, USE_LITE_WORKER_FILE } from './threaded-use-lite-embedder';
import { UseLiteEmbedder } from './use-lite-embedder';

const maxDiff = (a: Float32Array, b: Float32Array): number => Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i])));

// Loads the real model twice (in this thread and in the worker): ~1 s for this file.
describe('ThreadedUseLiteEmbedder (the real model, in a worker thread)', () => {
  const threaded = new ThreadedUseLiteEmbedder({ batchSize: 4 });
  const direct = new UseLiteEmbedder({ batchSize: 4 });
  afterAll(() => threaded.close());

  it('gives the vectors UseLiteEmbedder gives, one text or a batch, in input order, and zero for a text without tokens', async () => {
    const texts = ['Server status card', 'Image gallery of six product photos in a three-column grid', '   ', 'Poll', 'Expense approval form', 'ok'];
    const [mine, theirs] = await Promise.all([threaded.embedBatch(texts), direct.embedBatch(texts)]);
    expect(mine).toHaveLength(texts.length);
    mine.forEach((v, i) => {
      expect(Object.prototype.toString.call(v)).toBe('[object Float32Array]'); // the worker's realm, not Jest's
      expect(v).toHaveLength(512);
      expect(maxDiff(v, theirs[i])).toBeLessThan(1e-6);
    });
    expect(Array.from(mine[2])).toEqual(new Array(512).fill(0));
    expect(maxDiff(await threaded.embed('Poll'), await direct.embed('Poll'))).toBeLessThan(1e-6);
    expect(await threaded.embedBatch([])).toEqual([]);
    expect([threaded.id, threaded.dimension]).toEqual([direct.id, direct.dimension]);
  });

  it('warms once (model load and first call) for every caller', async () => {
    const fresh = new ThreadedUseLiteEmbedder();
    try {
      const [a, b] = [fresh.warm(), fresh.warm()];
      expect(a).toBe(b);
      await a;
      expect(maxDiff(await fresh.embed('Incident alert'), await direct.embed('Incident alert'))).toBeLessThan(1e-6);
    } finally {
      await fresh.close();
    }
  });

  it('fails what is pending when closed, and starts a new worker for the next request', async () => {
    const fresh = new ThreadedUseLiteEmbedder();
    const pending = fresh.embed('closed too early');
    await fresh.close();
    await expect(pending).rejects.toThrow('the use-lite embedding worker was closed');
    try {
      expect(maxDiff(await fresh.embed('Poll'), await direct.embed('Poll'))).toBeLessThan(1e-6);
    } finally {
      await fresh.close();
    }
  });

  it('turns a worker that cannot start into a MotifError (INTERNAL) and tries again on the next request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-worker-'));
    try {
      const broken = join(dir, 'broken-worker.js');
      writeFileSync(broken, "throw new Error('no model here');\n");
      const embedder = new ThreadedUseLiteEmbedder({}, broken);
      for (let attempt = 0; attempt < 2; attempt++) {
        const error: unknown = await embedder.warm().catch((e: unknown) => e);
        expect(isMotifError(error) && error.code).toBe('INTERNAL');
        expect((error as Error).message).toContain('no model here');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts a thread that loads the model code and nothing else of Motif (no schemas, no zod)', async () => {
    // The worker entry, required in a thread of its own, reports every module that thread loaded.
    const probe = new Worker(
      `const { parentPort } = require('node:worker_threads'); require(${JSON.stringify(USE_LITE_WORKER_FILE)}); parentPort.postMessage(Object.keys(require.cache));`,
      { eval: true, workerData: { dimension: 512 } },
    );
    try {
      const loaded = await new Promise<string[]>((resolve, reject) => probe.once('message', resolve).once('error', reject));
      expect(loaded.some((f) => f.endsWith('use-lite-model.js'))).toBe(true);
      expect(loaded.filter((f) => /[\\/](zod|core-types|inversify)[\\/]/.test(f))).toEqual([]);
    } finally {
      await probe.terminate();
    }
  });

  it('does not keep a process alive once nothing is pending (no close needed to exit)', () => {
    const script = [
      `const { ThreadedUseLiteEmbedder } = require(${JSON.stringify(join(USE_LITE_WORKER_FILE, '..', 'threaded-use-lite-embedder.js'))});`,
      'const e = new ThreadedUseLiteEmbedder();',
      "e.embed('Server status card').then((v) => process.stdout.write(String(v.length)));",
    ].join('\n');
    // Exits by itself when the embedding is done; a worker left referenced would hang here until the timeout.
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 })).toBe('512');
  });

  it('is what the use-lite set runs its model with when asked for a worker thread; the same vectors', async () => {
    const set = createEmbedderSet('use-lite', { modelThread: 'worker', queryCacheEntries: 0 });
    try {
      expect(set.description).toBeInstanceOf(ThreadedUseLiteEmbedder);
      expect(set.id).toBe(createEmbedderSet('use-lite').id);
      await set.warm?.();
      expect(maxDiff(await set.description.embed('Poll'), await direct.embed('Poll'))).toBeLessThan(1e-6);
    } finally {
      await set.close?.();
    }
    expect(createEmbedderSet('use-lite', { queryCacheEntries: 0 }).description).toBeInstanceOf(UseLiteEmbedder);
  });
});
