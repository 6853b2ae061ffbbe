/*
 * The worker-thread entry of `ThreadedUseLiteEmbedder`: one `UseLiteEmbedder` (the same class, hence the same
 * vectors) answering requests from the thread that started it. Not part of the public face; started by file path.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isMotifError } from '@motif/core-types';
import { UseLiteEmbedder, type UseLiteEmbedderOptions } from './use-lite-embedder';
import { WARM_UP_TEXT, type ModelReply, type ModelRequest } from './use-lite-protocol';

const port = parentPort;
if (!port) throw new Error('use-lite-worker runs in a worker thread only');
const model = new UseLiteEmbedder(workerData as UseLiteEmbedderOptions);

port.on('message', (request: ModelRequest) => {
  const work: Promise<Float32Array[]> =
    request.kind === 'warm'
      ? // The first model call costs several times a later one (kernels and graph set up once): pay it here.
        model.embed(WARM_UP_TEXT).then(() => [])
      : model.embedBatch(request.texts);
  work.then(
    (vectors) => {
      const reply: ModelReply = { id: request.id, vectors };
      port.postMessage(reply, [...new Set(vectors.map((v) => v.buffer as ArrayBuffer))]);
    },
    (error: unknown) => {
      const reply: ModelReply = {
        id: request.id,
        error: isMotifError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
      };
      port.postMessage(reply);
    },
  );
});
