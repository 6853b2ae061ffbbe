import { Worker } from 'node:worker_threads';
import { MotifError, USE_LITE_DIMENSION, type Embedder } from '@motif/core-types';
import { adoptEarlyModelWorker, USE_LITE_WORKER_FILE, type EarlyModelWorker } from './use-lite-early-start';
import { USE_LITE_ID, useLiteError, type UseLiteEmbedderOptions } from './use-lite-embedder';
import { UseLiteModelError } from './use-lite-model';
import type { ModelReply, ModelRequest, ModelWorkerData } from './use-lite-protocol';

export { USE_LITE_WORKER_FILE };

interface Pending {
  resolve(vectors: Float32Array[]): void;
  reject(error: unknown): void;
}

/**
 * `UseLiteEmbedder` in a worker thread: the same model and vectors, computed off the calling thread, so loading
 * the model (≈0.2 s of CPU) and its first call (≈0.16 s) overlap with whatever the process does meanwhile —
 * opening the store, loading the search index. The worker starts on the first request (or is the one
 * `startUseLiteModelEarly` started, adopted with its warm-up under way); it holds the process open only while a
 * request is pending, and `close()` ends it. A worker that dies fails what was pending and is started again by the
 * next request.
 */
export class ThreadedUseLiteEmbedder implements Embedder {
  readonly id = USE_LITE_ID;
  readonly dimension = USE_LITE_DIMENSION;
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private warming: Promise<void> | undefined;
  /** Requests and an adopted warm-up waiting on the worker: while > 0 it holds the process open. */
  private holds = 0;
  /** The vector an adopted early warm-up computed for the text the command gave it, used by the first ask for that text. */
  private preEmbedded: { text: string; vector: Promise<Float32Array> } | undefined;

  constructor(
    private readonly options: UseLiteEmbedderOptions = {},
    private readonly workerFile: string = USE_LITE_WORKER_FILE,
  ) {}

  /** Loads the model and runs its first (slow) call in the worker; later calls wait for the same warm-up. */
  warm(): Promise<void> {
    this.started();
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
    const pre = this.preEmbedded;
    if (pre && texts.length === 1 && texts[0] === pre.text) {
      this.preEmbedded = undefined; // once: later calls go to the model (the query cache in front keeps repeats)
      return [await pre.vector];
    }
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
      this.hold(worker);
      const message: ModelRequest = { id, ...body };
      worker.postMessage(message);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const data: ModelWorkerData = { dimension: this.dimension, batchSize: this.options.batchSize };
    const early = adoptEarlyModelWorker(data, this.workerFile);
    const worker = early?.worker ?? new Worker(this.workerFile, { workerData: data });
    worker.on('message', (reply: ModelReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      this.release(worker);
      // The error UseLiteEmbedder would raise in this thread: a model failure is INTERNAL, anything else an Error.
      if (reply.error) waiting.reject(reply.error.model ? useLiteError(new UseLiteModelError(reply.error.message)) : new Error(reply.error.message));
      else waiting.resolve(reply.vectors);
    });
    worker.on('error', (error) => this.drop(worker, new MotifError('INTERNAL', `the use-lite embedding worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => this.drop(worker, new MotifError('INTERNAL', `the use-lite embedding worker stopped (exit code ${code})`)));
    this.worker = worker;
    worker.unref(); // after the listeners (a 'message' listener refs the port again); held while something waits
    if (early) this.adoptWarmUp(worker, early);
    return worker;
  }

  /** The early worker's warm-up, already under way, stands for this embedder's own (and embeds its text). */
  private adoptWarmUp(worker: Worker, early: EarlyModelWorker): void {
    this.hold(worker);
    const settled = early.warmed.finally(() => {
      if (this.worker === worker) this.release(worker);
    });
    const failed = (error: unknown): never => {
      this.warming = undefined;
      throw useLiteError(new UseLiteModelError((error as Error).message));
    };
    this.warming = settled.then(() => undefined, failed);
    this.warming.catch(() => undefined); // awaited by warm(); unawaited, not an unhandled rejection
    if (early.text !== undefined) {
      const vector = settled.then((v) => v ?? failed(new Error('the warm-up gave no vector')), failed);
      vector.catch(() => undefined);
      this.preEmbedded = { text: early.text, vector };
    }
  }

  private hold(worker: Worker): void {
    if (this.holds++ === 0) worker.ref();
  }

  private release(worker: Worker): void {
    if (--this.holds === 0) worker.unref();
  }

  /** Forgets `worker` (if it is still the current one) and fails every pending request with `error`. */
  private drop(worker: Worker, error: MotifError): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.warming = undefined;
    this.preEmbedded = undefined;
    this.holds = 0;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(error);
  }
}
