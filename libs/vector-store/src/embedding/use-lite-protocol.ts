/**
 * What `ThreadedUseLiteEmbedder` asks its worker: embed texts, or load the model and run one warm-up call (on
 * `text` when given, whose vector is then the reply; else on `WARM_UP_TEXT`, and the reply has no vector).
 */
export type ModelRequest = { id: number; kind: 'embed'; texts: readonly string[] } | { id: number; kind: 'warm'; text?: string };

/**
 * The worker's answer to request `id`: the vectors (none for `warm`) or the error raised (`model`: a
 * `UseLiteModelError`, i.e. the model could not load or gave a wrong output).
 */
export type ModelReply = { id: number; vectors: Float32Array[]; error?: undefined } | { id: number; vectors?: undefined; error: { message: string; model: boolean } };

/** What the worker is started with. */
export interface ModelWorkerData {
  dimension: number;
  batchSize?: number;
}

/** The sentence the warm-up call embeds when it is given none (its vector is thrown away). */
export const WARM_UP_TEXT = 'a card with a header, a section of text and a button';
