import type { SparseVector } from '@motif/core-types';
import { fnv1a } from './hash';
import { tokenize, type TokenizerOptions } from './tokenizer';

export const DEFAULT_LEXICAL_OPTIONS: Required<TokenizerOptions> = { stem: true, stopwords: true };

/**
 * Tokens → sparse term-frequency vector with hashed (uint32) indices: the `lexical` vector Qdrant weights with
 * its IDF modifier and the embedded store's in-memory BM25 index reads, so both backends see identical terms.
 * `text()` gives the same tokens as one space-joined string (the FTS5 reference of the BM25 parity check indexes it).
 */
export class LexicalEncoder {
  readonly id: string;
  private readonly options: Required<TokenizerOptions>;

  constructor(options: TokenizerOptions = {}) {
    this.options = { ...DEFAULT_LEXICAL_OPTIONS, ...options };
    this.id = `lexical-v1${this.options.stem ? ':stem' : ''}${this.options.stopwords ? ':stop' : ''}`;
  }

  tokens(text: string): string[] {
    return tokenize(text, this.options);
  }

  text(text: string): string {
    return this.tokens(text).join(' ');
  }

  encode(text: string): SparseVector {
    return this.encodeTokens(this.tokens(text));
  }

  encodeTokens(tokens: readonly string[]): SparseVector {
    const tf = new Map<number, number>();
    for (const t of tokens) {
      const idx = fnv1a(t);
      tf.set(idx, (tf.get(idx) ?? 0) + 1);
    }
    const indices = [...tf.keys()].sort((a, b) => a - b);
    return { indices, values: indices.map((i) => tf.get(i) as number) };
  }
}
