import { Container } from 'inversify';
import { TOKENS, type MotifConfig } from '@motif/core-types';
import { Catalog } from './catalog/catalog';
import { dagModule } from './dag-module';
import { DAG_TOKENS } from './dag-tokens';
import { DslCodec } from './dsl/dsl-codec';
import { ComponentGraph } from './graph/component-graph';
import { StructureValidator } from './validator/structure-validator';

describe('dagModule', () => {
  it('binds the catalog from config and the graph, validator and codec as singletons', () => {
    const container = new Container();
    container.bind<Partial<MotifConfig>>(TOKENS.Config).toConstantValue({ catalog: 'google-chat-cards-v2' });
    container.load(dagModule);
    const catalog = container.get(DAG_TOKENS.Catalog);
    const graph = container.get(DAG_TOKENS.ComponentGraph);
    const validator = container.get(DAG_TOKENS.StructureValidator);
    const codec = container.get(DAG_TOKENS.DslCodec);
    expect(catalog).toBeInstanceOf(Catalog);
    expect(catalog.id).toBe('google-chat-cards-v2');
    expect(graph).toBeInstanceOf(ComponentGraph);
    expect(graph.catalog).toBe(catalog);
    expect(validator.graph).toBe(graph);
    expect(codec.graph).toBe(graph);
    expect(container.get(DAG_TOKENS.StructureValidator)).toBe(validator);
    expect(validator.validate(codec.parse('§[Ƀ[ᵬ]]')).valid).toBe(true);
  });

  it('fails with CATALOG_INVALID for an unknown catalog', () => {
    const container = new Container();
    container.bind<Partial<MotifConfig>>(TOKENS.Config).toConstantValue({ catalog: '/nonexistent/catalog.json' });
    container.load(dagModule);
    expect(() => container.get(DAG_TOKENS.Catalog)).toThrow(expect.objectContaining({ code: 'CATALOG_INVALID' }));
  });
});
