import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MotifError, USE_LITE_DIMENSION, type Embedder } from '@motif/core-types';
import { USE_LITE_ID, useLiteError, type UseLiteEmbedderOptions } from './use-lite-embedder';
import { UseLiteModelError } from './use-lite-model';
import type { ModelReply, ModelRequest, ModelWorkerData } from './use-lite-protocol';

/**
 * The compiled worker entry. Resolved through the package's own name, so it is the built file both when the
 * library runs from `dist` and when Jest runs its sources (`npm test` builds first).
 */
export const USE_LITE_WORKER_FILE = join(dirname(require.resolve('@motif/vector-store/package.json')), 'dist', 'embedding', 'use-lite-worker.js');

interface Pending {
  resolve(vectors: Float32Array[]): void;
  reject(error: unknown): void;
}

/**
 * `UseLiteEmbedder` in a worker thread: the same model and vectors, computed off the calling thread, so loading
 * the model (≈0.2 s of CPU) and its first call (≈0.16 s) overlap with whatever the process does meanwhile —
 * opening the store, loading the search index. The worker starts on the first request; it holds the process open
 * only while a request is pending, and `close()` ends it. A worker that dies fails what was pending and is
 * started again by the next request.
 */
export class ThreadedUseLiteEmbedder implements Embedder {
  readonly id = USE_LITE_ID;
  readonly dimension = USE_LITE_DIMENSION;
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private warming: Promise<void> | undefined;

  constructor(
    private readonly options: UseLiteEmbedderOptions = {},
    private readonly workerFile: string = USE_LITE_WORKER_FILE,
  ) {}

  /** Loads the model and runs its first (slow) call in the worker; later calls wait for the same warm-up. */
  warm(): Promise<void> {
    this.warming ??= this.request({ kind: 'warm' }).then(
      () => undefined,
      (error: unknown) => {
        this.warming = undefined;
        throw error;
      },
    );
    return this.warming;
  }

  async embed(text: string): Promise<Float32Array> {
    return (await this.embedBatch([text]))[0];
  }

  async embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    return this.request({ kind: 'embed', texts: [...texts] });
  }

  /** Ends the worker (a pending request fails). Idempotent; a later request starts a new worker. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.drop(worker, new MotifError('INTERNAL', 'the use-lite embedding worker was closed'));
    await worker.terminate();
  }

  private request(body: { kind: 'warm' } | { kind: 'embed'; texts: readonly string[] }): Promise<Float32Array[]> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<Float32Array[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      const message: ModelRequest = { id, ...body };
      worker.postMessage(message);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const data: ModelWorkerData = { dimension: this.dimension, batchSize: this.options.batchSize };
    const worker = new Worker(this.workerFile, { workerData: data });
    worker.unref();
    worker.on('message', (reply: ModelReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      // The error UseLiteEmbedder would raise in this thread: a model failure is INTERNAL, anything else an Error.
      if (reply.error) waiting.reject(reply.error.model ? useLiteError(new UseLiteModelError(reply.error.message)) : new Error(reply.error.message));
      else waiting.resolve(reply.vectors);
    });
    worker.on('error', (error) => this.drop(worker, new MotifError('INTERNAL', `the use-lite embedding worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => this.drop(worker, new MotifError('INTERNAL', `the use-lite embedding worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Forgets `worker` (if it is still the current one) and fails every pending request with `error`. */
  private drop(worker: Worker, error: MotifError): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.warming = undefined;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(error);
  }
}
