/*
 * The use-lite worker started before the rest of Motif loads. A one-shot `motif search` spends ~0.25 s loading
 * Motif's modules and ~0.2 s opening the index; the model needs ~0.4 s in its thread. Started here, at the top of
 * the command, the model loads beside all of that rather than after the modules. Imports nothing of Motif (no
 * schemas, no zod), so the `@motif/vector-store/early-start` entry costs a few milliseconds to require.
 *
 * The choice of embedder is still the store's: `ThreadedUseLiteEmbedder` adopts this worker when it is the
 * embedder the container picked (same dimension, same batch size), and otherwise the worker is discarded.
 */
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ModelReply, ModelRequest, ModelWorkerData } from './use-lite-protocol';

/**
 * The compiled worker entry. Resolved through the package's own name, so it is the built file both when the
 * library runs from `dist` and when Jest runs its sources (`npm test` builds first).
 */
export const USE_LITE_WORKER_FILE = join(dirname(require.resolve('@motif/vector-store/package.json')), 'dist', 'embedding', 'use-lite-worker.js');

/** The sentence model's output size (core-types' `USE_LITE_DIMENSION`; a worker of another size is never adopted). */
const MODEL_DIMENSION = 512;

/** Request id of the warm-up an early worker is started with (the embedder numbers its own requests from 1). */
export const EARLY_WARM_ID = 0;

/** A worker started by `startUseLiteModelEarly`, with its warm-up (model load and first call) under way. */
export interface EarlyModelWorker {
  readonly worker: Worker;
  readonly workerFile: string;
  readonly data: ModelWorkerData;
  /** The text the warm-up embeds (the query the command is about to search for), if it was given one. */
  readonly text?: string;
  /** Settles when the warm-up reply arrives: with the vector of `text` (if any), or rejected with the worker's error. */
  readonly warmed: Promise<Float32Array | undefined>;
}

/**
 * The early worker is kept on the process, not in this module: a bundled CLI holds two copies of this file (its
 * start-up bundle starts the worker, its runtime bundle adopts it), and both must see the same one.
 */
const SLOT = Symbol.for('@motif/vector-store/early-model-worker');
const holder = globalThis as { [SLOT]?: EarlyModelWorker };

export interface EarlyStartOptions {
  /** The text the command will embed first (a search's query, trimmed): the warm-up's model call embeds it. */
  text?: string;
  /** The worker entry (tests start a broken one). */
  workerFile?: string;
}

/**
 * Starts the worker and its warm-up now; idempotent. The worker does not hold the process open (a command that
 * ends before adopting it just exits), and a worker that fails is reported to the embedder that adopts it.
 */
export function startUseLiteModelEarly(options: EarlyStartOptions = {}): void {
  if (holder[SLOT]) return;
  const { text, workerFile = USE_LITE_WORKER_FILE } = options;
  const data: ModelWorkerData = { dimension: MODEL_DIMENSION };
  const worker = new Worker(workerFile, { workerData: data });
  const warmed = new Promise<Float32Array | undefined>((resolve, reject) => {
    worker.on('message', (reply: ModelReply) => {
      if (reply.id !== EARLY_WARM_ID) return;
      if (reply.error) reject(new Error(reply.error.message));
      else resolve(reply.vectors[0]);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the use-lite embedding worker stopped (exit code ${code})`)));
  });
  warmed.catch(() => undefined); // reported to the adopter; unadopted, nobody is waiting for it
  worker.unref(); // after the listeners: adding a 'message' listener refs the worker's port again
  const request: ModelRequest = { id: EARLY_WARM_ID, kind: 'warm', text };
  worker.postMessage(request);
  holder[SLOT] = { worker, workerFile, data, text, warmed };
}

/**
 * Hands the early worker to the embedder that can use it (same entry, dimension and batch size), once;
 * `undefined` when none was started or it does not fit (then it is discarded).
 */
export function adoptEarlyModelWorker(want: ModelWorkerData, workerFile: string): EarlyModelWorker | undefined {
  const found = holder[SLOT];
  holder[SLOT] = undefined;
  if (!found) return undefined;
  if (found.workerFile === workerFile && found.data.dimension === want.dimension && found.data.batchSize === want.batchSize) return found;
  void found.worker.terminate();
  return undefined;
}

/** Ends an early worker nobody will adopt (the store's embedder is not the sentence model). */
export function discardEarlyModelWorker(): void {
  const found = holder[SLOT];
  holder[SLOT] = undefined;
  if (found) void found.worker.terminate();
}
