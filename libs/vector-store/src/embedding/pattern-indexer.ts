import type { Embedder, InstancePattern, PatternRecord } from '@motif/core-types';
import { LexicalEncoder } from './lexical-encoder';
import { patternEmbeddingTexts } from './pattern-embedding-text';

/** Builds the stored record (pattern + named vectors + lexical data) for a pattern. */
export class PatternIndexer {
  constructor(
    private readonly embedder: Embedder,
    readonly lexical: LexicalEncoder = new LexicalEncoder(),
  ) {}

  toRecord(pattern: InstancePattern): PatternRecord {
    return this.toRecords([pattern])[0];
  }

  toRecords(patterns: readonly InstancePattern[]): PatternRecord[] {
    const texts = patterns.map(patternEmbeddingTexts);
    const description = this.embedder.embedBatch(texts.map((t) => t.description));
    const structure = this.embedder.embedBatch(texts.map((t) => t.structure));
    const params = this.embedder.embedBatch(texts.map((t) => t.params));
    return patterns.map((pattern, i) => {
      const tokens = this.lexical.tokens(texts[i].lexical);
      return {
        pattern,
        vectors: {
          description: description[i],
          structure: structure[i],
          params: params[i],
          lexical: this.lexical.encodeTokens(tokens),
          lexicalText: tokens.join(' '),
        },
      };
    });
  }
}
