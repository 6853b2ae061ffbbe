import { token } from '@motif/core-types';
import type { Catalog } from './catalog/catalog';
import type { DslCodec } from './dsl/dsl-codec';
import type { ComponentGraph } from './graph/component-graph';
import type { StructureValidator } from './validator/structure-validator';

/** Tokens of this library's services, bound by `dagModule`. */
export const DAG_TOKENS = {
  Catalog: token<Catalog>('Catalog'),
  ComponentGraph: token<ComponentGraph>('ComponentGraph'),
  StructureValidator: token<StructureValidator>('StructureValidator'),
  DslCodec: token<DslCodec>('DslCodec'),
} as const;
