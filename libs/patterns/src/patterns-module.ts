import { ContainerModule } from 'inversify';
import { TOKENS, type Clock, type Embedder, type MotifConfig, type PatternStore, type RandomSourceFactory, type TieredCache } from '@motif/core-types';
import { structureSimilarity, type Catalog, type ComponentGraph, type DslCodec, type StructureValidator } from '@motif/dag';
import type { VariationEngine } from '@motif/variators';
import { HybridSearcher, PatternIndexer } from '@motif/vector-store';
import { DefaultPatternService } from './pattern-service';
import { StructureDeriver } from './structure-deriver';

/** Tokens owned by this library (the service itself is `TOKENS.PatternService`). */
export const PATTERNS_TOKENS = {
  StructureDeriver: Symbol.for('motif.StructureDeriver'),
  PatternIndexer: Symbol.for('motif.PatternIndexer'),
  HybridSearcher: Symbol.for('motif.HybridSearcher'),
} as const;

export const patternsModule = new ContainerModule(({ bind }) => {
  bind(PATTERNS_TOKENS.StructureDeriver)
    .toDynamicValue(
      (ctx) =>
        new StructureDeriver(
          ctx.get<Catalog>(TOKENS.Catalog),
          ctx.get<ComponentGraph>(TOKENS.ComponentGraph),
          ctx.get<StructureValidator>(TOKENS.StructureValidator),
          ctx.get<DslCodec>(TOKENS.DslCodec),
        ),
    )
    .inSingletonScope();
  bind(PATTERNS_TOKENS.PatternIndexer)
    .toDynamicValue((ctx) => new PatternIndexer(ctx.get<Embedder>(TOKENS.Embedder)))
    .inSingletonScope();
  bind(PATTERNS_TOKENS.HybridSearcher)
    .toDynamicValue(
      (ctx) =>
        new HybridSearcher(ctx.get<PatternStore>(TOKENS.PatternStore), ctx.get<Embedder>(TOKENS.Embedder), {
          rrfK: ctx.get<MotifConfig>(TOKENS.Config).search.rrfK,
          // One notion of structural similarity across Motif: the catalog library's.
          structureSimilarity,
        }),
    )
    .inSingletonScope();
  bind(TOKENS.PatternService)
    .toDynamicValue(
      (ctx) =>
        new DefaultPatternService({
          config: ctx.get<MotifConfig>(TOKENS.Config),
          clock: ctx.get<Clock>(TOKENS.Clock),
          catalog: ctx.get<Catalog>(TOKENS.Catalog),
          graph: ctx.get<ComponentGraph>(TOKENS.ComponentGraph),
          deriver: ctx.get<StructureDeriver>(PATTERNS_TOKENS.StructureDeriver),
          store: ctx.get<PatternStore>(TOKENS.PatternStore),
          indexer: ctx.get<PatternIndexer>(PATTERNS_TOKENS.PatternIndexer),
          searcher: ctx.get<HybridSearcher>(PATTERNS_TOKENS.HybridSearcher),
          cache: ctx.get<TieredCache<unknown>>(TOKENS.FamilyCache),
          engine: ctx.get<VariationEngine>(TOKENS.VariationEngine),
          random: ctx.get<RandomSourceFactory>(TOKENS.RandomSourceFactory),
        }),
    )
    .inSingletonScope();
});
