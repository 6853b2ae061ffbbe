import { ContainerModule } from 'inversify';
import { TOKENS, type MotifConfig } from '@motif/core-types';
import type { Catalog } from './catalog/catalog';
import { loadCatalog } from './catalog/load-catalog';
import { DslCodec } from './dsl/dsl-codec';
import { ComponentGraph } from './graph/component-graph';
import { StructureValidator } from './validator/structure-validator';

/** Binds the catalog named by `config.catalog` and the graph, validator and DSL codec built on it (singletons). */
export const dagModule = new ContainerModule((options) => {
  options.bind<Catalog>(TOKENS.Catalog).toDynamicValue((ctx) => loadCatalog(ctx.get<MotifConfig>(TOKENS.Config).catalog)).inSingletonScope();
  options.bind<ComponentGraph>(TOKENS.ComponentGraph).toDynamicValue((ctx) => new ComponentGraph(ctx.get<Catalog>(TOKENS.Catalog))).inSingletonScope();
  options
    .bind<StructureValidator>(TOKENS.StructureValidator)
    .toDynamicValue((ctx) => new StructureValidator(ctx.get<ComponentGraph>(TOKENS.ComponentGraph)))
    .inSingletonScope();
  options
    .bind<DslCodec>(TOKENS.DslCodec)
    .toDynamicValue((ctx) => new DslCodec(ctx.get<Catalog>(TOKENS.Catalog), ctx.get<ComponentGraph>(TOKENS.ComponentGraph)))
    .inSingletonScope();
});
