import { type RandomSourceFactory, TOKENS } from '@motif/core-types';
import type { Catalog, ComponentGraph, StructureValidator } from '@motif/dag';
import { ContainerModule } from 'inversify';
import { VariationEngine } from './family/variation-engine';
import { ParameterVariator } from './params/parameter-variator';
import { SeededRandomSourceFactory } from './random/seeded-random-source';
import { StructureVariator } from './structure/structure-variator';

/** Binds the random source factory, both variators and the engine (singletons) on top of dagModule's bindings. */
export const variatorsModule = new ContainerModule((options) => {
  options.bind<RandomSourceFactory>(TOKENS.RandomSourceFactory).toDynamicValue(() => new SeededRandomSourceFactory()).inSingletonScope();
  options
    .bind<StructureVariator>(TOKENS.StructureVariator)
    .toDynamicValue((ctx) => new StructureVariator(ctx.get<ComponentGraph>(TOKENS.ComponentGraph), ctx.get<StructureValidator>(TOKENS.StructureValidator)))
    .inSingletonScope();
  options
    .bind<ParameterVariator>(TOKENS.ParameterVariator)
    .toDynamicValue((ctx) => new ParameterVariator(ctx.get<Catalog>(TOKENS.Catalog)))
    .inSingletonScope();
  options
    .bind<VariationEngine>(TOKENS.VariationEngine)
    .toDynamicValue(
      (ctx) =>
        new VariationEngine(
          ctx.get<Catalog>(TOKENS.Catalog),
          ctx.get<ComponentGraph>(TOKENS.ComponentGraph),
          ctx.get<StructureValidator>(TOKENS.StructureValidator),
          ctx.get<RandomSourceFactory>(TOKENS.RandomSourceFactory),
          ctx.get<StructureVariator>(TOKENS.StructureVariator),
          ctx.get<ParameterVariator>(TOKENS.ParameterVariator),
        ),
    )
    .inSingletonScope();
});
