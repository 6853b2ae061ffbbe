import { resolveConfig, TOKENS } from '@motif/core-types';
import { dagModule } from '@motif/dag';
import { Container } from 'inversify';
import { VariationEngine } from './family/variation-engine';
import { SeededRandomSourceFactory } from './random/seeded-random-source';
import { PresentationVariator } from './tree/presentation-variator';
import { TreeStructureVariator } from './tree/tree-structure-variator';
import { statusCard } from './testing/pattern-fixture';
import { variatorsModule } from './variators-module';
import { VARIATORS_TOKENS } from './variators-tokens';

describe('variatorsModule', () => {
  it('resolves the engine on top of dagModule and generates a family', () => {
    const container = new Container();
    container.bind(TOKENS.Config).toConstantValue(resolveConfig({ env: {}, home: '/tmp', cwd: '/tmp' }));
    container.load(dagModule, variatorsModule);
    const engine = container.get(VARIATORS_TOKENS.VariationEngine);
    expect(engine).toBeInstanceOf(VariationEngine);
    expect(container.get(VARIATORS_TOKENS.VariationEngine)).toBe(engine);
    expect(container.get(TOKENS.RandomSourceFactory)).toBeInstanceOf(SeededRandomSourceFactory);
    expect(container.get(VARIATORS_TOKENS.StructureVariator)).toBeInstanceOf(TreeStructureVariator);
    expect(container.get(VARIATORS_TOKENS.ParameterVariator)).toBeInstanceOf(PresentationVariator);
    const family = engine.generate(statusCard(), { structure: 2, parameter: 2, seed: 'di' });
    expect(family.variations.map((v) => v.variationType)).toEqual(['original', 'parameter', 'parameter', 'structure', 'structure', 'combined', 'combined']);
  });
});
