import { ContainerModule } from 'inversify';
import { TOKENS } from '@motif/core-types';
import { loadCatalog } from './catalog/load-catalog';
import { DAG_TOKENS } from './dag-tokens';
import { DslCodec } from './dsl/dsl-codec';
import { ComponentGraph } from './graph/component-graph';
import { StructureValidator } from './validator/structure-validator';

/** Binds the catalog named by `config.catalog` and the graph, validator and DSL codec built on it (singletons). */
export const dagModule = new ContainerModule(({ bind }) => {
  bind(DAG_TOKENS.Catalog).toDynamicValue((ctx) => loadCatalog(ctx.get(TOKENS.Config).catalog)).inSingletonScope();
  bind(DAG_TOKENS.ComponentGraph).toDynamicValue((ctx) => new ComponentGraph(ctx.get(DAG_TOKENS.Catalog))).inSingletonScope();
  bind(DAG_TOKENS.StructureValidator).toDynamicValue((ctx) => new StructureValidator(ctx.get(DAG_TOKENS.ComponentGraph))).inSingletonScope();
  bind(DAG_TOKENS.DslCodec).toDynamicValue((ctx) => new DslCodec(ctx.get(DAG_TOKENS.Catalog), ctx.get(DAG_TOKENS.ComponentGraph))).inSingletonScope();
});
