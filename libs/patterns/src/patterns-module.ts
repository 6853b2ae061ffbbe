import { ContainerModule } from 'inversify';
import { token, TOKENS } from '@motif/core-types';
import { DAG_TOKENS, structureSimilarity } from '@motif/dag';
import { VARIATORS_TOKENS } from '@motif/variators';
import { HybridSearcher, PatternIndexer } from '@motif/vector-store';
import { DefaultPatternService } from './pattern-service';
import { ModuleWrapperAdapter } from './migration/module-wrapper-adapter';
import { PatternShaper } from './pattern-shaper';
import { StructureDeriver } from './structure-deriver';

/** Tokens owned by this library (the service itself is `TOKENS.PatternService`). */
export const PATTERNS_TOKENS = {
  StructureDeriver: token<StructureDeriver>('StructureDeriver'),
  PatternShaper: token<PatternShaper>('PatternShaper'),
  ModuleWrapperAdapter: token<ModuleWrapperAdapter>('ModuleWrapperAdapter'),
  PatternIndexer: token<PatternIndexer>('PatternIndexer'),
  HybridSearcher: token<HybridSearcher>('HybridSearcher'),
} as const;

export const patternsModule = new ContainerModule(({ bind }) => {
  bind(PATTERNS_TOKENS.StructureDeriver)
    .toDynamicValue(
      (ctx) =>
        new StructureDeriver(ctx.get(DAG_TOKENS.Catalog), ctx.get(DAG_TOKENS.ComponentGraph), ctx.get(DAG_TOKENS.StructureValidator), ctx.get(DAG_TOKENS.DslCodec)),
    )
    .inSingletonScope();
  bind(PATTERNS_TOKENS.PatternShaper)
    .toDynamicValue(
      (ctx) =>
        new PatternShaper(ctx.get(DAG_TOKENS.Catalog), ctx.get(DAG_TOKENS.ComponentGraph), ctx.get(DAG_TOKENS.StructureValidator), ctx.get(DAG_TOKENS.DslCodec), ctx.get(PATTERNS_TOKENS.StructureDeriver)),
    )
    .inSingletonScope();
  bind(PATTERNS_TOKENS.ModuleWrapperAdapter)
    .toDynamicValue((ctx) => new ModuleWrapperAdapter(ctx.get(DAG_TOKENS.Catalog), ctx.get(PATTERNS_TOKENS.PatternShaper)))
    .inSingletonScope();
  bind(PATTERNS_TOKENS.PatternIndexer)
    .toDynamicValue((ctx) => new PatternIndexer(ctx.get(TOKENS.Embedder)))
    .inSingletonScope();
  bind(PATTERNS_TOKENS.HybridSearcher)
    .toDynamicValue(
      (ctx) =>
        new HybridSearcher(ctx.get(TOKENS.PatternStore), ctx.get(TOKENS.Embedder), {
          rrfK: ctx.get(TOKENS.Config).search.rrfK,
          // One notion of structural similarity across Motif: the catalog library's.
          structureSimilarity,
        }),
    )
    .inSingletonScope();
  bind(TOKENS.PatternService)
    .toDynamicValue(
      (ctx) =>
        new DefaultPatternService({
          config: ctx.get(TOKENS.Config),
          clock: ctx.get(TOKENS.Clock),
          catalog: ctx.get(DAG_TOKENS.Catalog),
          graph: ctx.get(DAG_TOKENS.ComponentGraph),
          deriver: ctx.get(PATTERNS_TOKENS.StructureDeriver),
          shaper: ctx.get(PATTERNS_TOKENS.PatternShaper),
          store: ctx.get(TOKENS.PatternStore),
          indexer: ctx.get(PATTERNS_TOKENS.PatternIndexer),
          searcher: ctx.get(PATTERNS_TOKENS.HybridSearcher),
          cache: ctx.get(TOKENS.FamilyCache),
          engine: ctx.get(VARIATORS_TOKENS.VariationEngine),
          random: ctx.get(TOKENS.RandomSourceFactory),
        }),
    )
    .inSingletonScope();
});
