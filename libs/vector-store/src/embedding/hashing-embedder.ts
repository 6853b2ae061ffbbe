import type { Embedder } from '@motif/core-types';
import { fnv1a, mix32 } from './hash';
import { tokenize, type TokenizerOptions } from './tokenizer';

export interface HashingEmbedderOptions extends TokenizerOptions {
  dimension?: number;
  /** Character n-gram sizes hashed in addition to words (over `#word#`); empty = words only. */
  charNgrams?: readonly number[];
  /** L2 weight of a word's n-grams relative to the word itself (each n-gram gets weight / √count). */
  ngramWeight?: number;
  /** Also hash adjacent word pairs. */
  wordBigrams?: boolean;
}

export const DEFAULT_HASHING_OPTIONS = {
  dimension: 384,
  charNgrams: [3],
  ngramWeight: 1,
  stem: true,
  stopwords: true,
  wordBigrams: false,
} as const;

const SEED_NGRAM = 0x9747b28c;
const SEED_BIGRAM = 0x5bd1e995;

/**
 * Signed feature hashing of words (and character n-grams, word bigrams) into a fixed dimension, L2-normalised.
 * No weights, no network, deterministic: the same text gives the same vector on every machine.
 */
export class HashingEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  /** A text touches a few dozen of the dimensions. */
  readonly sparse = true;
  private readonly options: Required<HashingEmbedderOptions>;
  // Reused accumulator: one embed allocates only its result and the token strings.
  private readonly acc: Float64Array;

  constructor(options: HashingEmbedderOptions = {}) {
    this.options = { ...DEFAULT_HASHING_OPTIONS, ...options, charNgrams: [...(options.charNgrams ?? DEFAULT_HASHING_OPTIONS.charNgrams)] };
    const { dimension, charNgrams, ngramWeight, stem, stopwords, wordBigrams } = this.options;
    if (!Number.isInteger(dimension) || dimension < 2) throw new RangeError(`dimension must be an integer >= 2, got ${dimension}`);
    this.dimension = dimension;
    this.acc = new Float64Array(dimension);
    const features = ['words', ...charNgrams.map((n) => `c${n}`), ...(wordBigrams ? ['bi'] : [])].join('+');
    const flags = [stem ? 'stem' : '', stopwords ? 'stop' : '', charNgrams.length && ngramWeight !== 1 ? `nw${ngramWeight}` : '']
      .filter(Boolean)
      .join('+');
    this.id = `hashing-v1:${features}${flags ? `:${flags}` : ''}:${dimension}`;
  }

  async embed(text: string): Promise<Float32Array> {
    return this.embedSync(text);
  }

  async embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedSync(t));
  }

  /** The same vector as `embed`, synchronously: hashing needs no model. */
  embedSync(text: string): Float32Array {
    const acc = this.acc;
    acc.fill(0);
    const { charNgrams, ngramWeight, wordBigrams, stem, stopwords } = this.options;
    const tokens = tokenize(text, { stem, stopwords });
    for (let t = 0; t < tokens.length; t++) {
      const word = tokens[t];
      this.add(fnv1a(word), 1);
      if (charNgrams.length) {
        const padded = `#${word}#`;
        let grams = 0;
        for (const n of charNgrams) grams += Math.max(0, padded.length - n + 1);
        const w = grams ? ngramWeight / Math.sqrt(grams) : 0;
        for (const n of charNgrams) {
          for (let i = 0; i + n <= padded.length; i++) this.add(fnv1a(padded.slice(i, i + n), SEED_NGRAM), w);
        }
      }
      if (wordBigrams && t > 0) this.add(fnv1a(`${tokens[t - 1]} ${word}`, SEED_BIGRAM), 0.5);
    }
    return this.normalised();
  }

  private add(hash: number, weight: number): void {
    const h = mix32(hash);
    const bucket = h % this.dimension;
    this.acc[bucket] += (h & 0x80000000) === 0 ? weight : -weight;
  }

  private normalised(): Float32Array {
    const acc = this.acc;
    let norm = 0;
    for (let i = 0; i < acc.length; i++) norm += acc[i] * acc[i];
    const out = new Float32Array(acc.length);
    if (norm === 0) return out;
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < acc.length; i++) out[i] = acc[i] * inv;
    return out;
  }
}
