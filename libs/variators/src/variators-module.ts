import { TOKENS } from '@motif/core-types';
import { DAG_TOKENS } from '@motif/dag';
import { ContainerModule } from 'inversify';
import { VariationEngine } from './family/variation-engine';
import { SeededRandomSourceFactory } from './random/seeded-random-source';
import { PresentationVariator } from './tree/presentation-variator';
import { TreeStructureVariator } from './tree/tree-structure-variator';
import { VARIATORS_TOKENS } from './variators-tokens';

/** Binds the random source factory, both tree variators and the engine (singletons) on top of dagModule's bindings. */
export const variatorsModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.RandomSourceFactory).toDynamicValue(() => new SeededRandomSourceFactory()).inSingletonScope();
  bind(VARIATORS_TOKENS.StructureVariator)
    .toDynamicValue((ctx) => new TreeStructureVariator(ctx.get(DAG_TOKENS.Catalog), ctx.get(DAG_TOKENS.ComponentGraph)))
    .inSingletonScope();
  bind(VARIATORS_TOKENS.ParameterVariator).toDynamicValue((ctx) => new PresentationVariator(ctx.get(DAG_TOKENS.Catalog))).inSingletonScope();
  bind(VARIATORS_TOKENS.VariationEngine)
    .toDynamicValue(
      (ctx) =>
        new VariationEngine(
          ctx.get(DAG_TOKENS.Catalog),
          ctx.get(DAG_TOKENS.ComponentGraph),
          ctx.get(DAG_TOKENS.StructureValidator),
          ctx.get(DAG_TOKENS.DslCodec),
          ctx.get(TOKENS.RandomSourceFactory),
          ctx.get(VARIATORS_TOKENS.StructureVariator),
          ctx.get(VARIATORS_TOKENS.ParameterVariator),
        ),
    )
    .inSingletonScope();
});
