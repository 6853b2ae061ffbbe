/*
 * The worker-thread entry of `ThreadedUseLiteEmbedder`: one `UseLiteModel` (the code `UseLiteEmbedder` embeds with,
 * hence the same vectors) answering requests from the thread that started it. It loads nothing else of Motif, so
 * the thread's start costs no schemas. Not part of the public face; started by file path.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { saveCompileCache } from '../early-start/compile-cache';
import { UseLiteModel, UseLiteModelError } from './use-lite-model';
import { WARM_UP_TEXT, type ModelReply, type ModelRequest, type ModelWorkerData } from './use-lite-protocol';

const port = parentPort;
if (!port) throw new Error('use-lite-worker runs in a worker thread only');
const options = workerData as ModelWorkerData;
const model = new UseLiteModel(options.dimension, options.batchSize);

port.on('message', (request: ModelRequest) => {
  const work: Promise<Float32Array[]> =
    request.kind === 'warm'
      ? // The first model call costs several times a later one (kernels and graph set up once): pay it here, on
        // the text the caller is about to ask for when it knows it.
        model.embedBatch([request.text ?? WARM_UP_TEXT]).then((vectors) => (request.text === undefined ? [] : vectors))
      : model.embedBatch(request.texts);
  work.then(
    (vectors) => {
      const reply: ModelReply = { id: request.id, vectors };
      port.postMessage(reply, [...new Set(vectors.map((v) => v.buffer as ArrayBuffer))]);
      // After the reply: TensorFlow.js' code cache (if it had none) holds what the first call compiled. A worker
      // ends with its process, not through 'exit' handlers, so it writes the cache itself (once).
      saveCompileCache();
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const reply: ModelReply = { id: request.id, error: { message, model: error instanceof UseLiteModelError } };
      port.postMessage(reply);
    },
  );
});
