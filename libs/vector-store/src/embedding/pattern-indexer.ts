import type { Embedder, EmbedderSet, InstancePattern, PatternRecord } from '@motif/core-types';
import { asEmbedderSet } from './embedder-set';
import { LexicalEncoder } from './lexical-encoder';
import { patternEmbeddingTexts, type PatternEmbeddingTexts } from './pattern-embedding-text';

/** An embedder that can also answer synchronously (the HashingEmbedder). */
export type SyncEmbedder = Embedder & { embedSync(text: string): Float32Array };

/** Builds the stored record (pattern + named vectors + lexical data) for a pattern. */
export class PatternIndexer {
  readonly embedders: EmbedderSet;

  constructor(
    embedders: Embedder | EmbedderSet,
    readonly lexical: LexicalEncoder = new LexicalEncoder(),
  ) {
    this.embedders = asEmbedderSet(embedders);
  }

  async toRecord(pattern: InstancePattern): Promise<PatternRecord> {
    return (await this.toRecords([pattern]))[0];
  }

  /** One batch call per named vector for all the patterns: a model embeds many sentences far faster than one by one. */
  async toRecords(patterns: readonly InstancePattern[]): Promise<PatternRecord[]> {
    const texts = patterns.map(patternEmbeddingTexts);
    const { description: d, structure: s, params: p } = this.embedders;
    const [description, structure, params] = await Promise.all([
      d.embedBatch(texts.map((t) => t.description)),
      s.embedBatch(texts.map((t) => t.structure)),
      p.embedBatch(texts.map((t) => t.params)),
    ]);
    return this.assemble(patterns, texts, description, structure, params);
  }

  /** The same record as `toRecord`, synchronously, when every embedder can embed without a model (hashing). */
  toRecordSync(pattern: InstancePattern): PatternRecord {
    const sync = (e: Embedder): ((text: string) => Float32Array) => {
      const f = (e as Partial<SyncEmbedder>).embedSync;
      if (!f) throw new TypeError(`embedder '${e.id}' has no synchronous form; use toRecord`);
      return f.bind(e);
    };
    const texts = patternEmbeddingTexts(pattern);
    const { description: d, structure: s, params: p } = this.embedders;
    return this.assemble([pattern], [texts], [sync(d)(texts.description)], [sync(s)(texts.structure)], [sync(p)(texts.params)])[0];
  }

  private assemble(
    patterns: readonly InstancePattern[],
    texts: readonly PatternEmbeddingTexts[],
    description: readonly Float32Array[],
    structure: readonly Float32Array[],
    params: readonly Float32Array[],
  ): PatternRecord[] {
    return patterns.map((pattern, i) => {
      const tokens = this.lexical.tokens(texts[i].lexical);
      return {
        pattern,
        vectors: {
          description: description[i],
          structure: structure[i],
          params: params[i],
          lexical: this.lexical.encodeTokens(tokens),
        },
      };
    });
  }
}
