export { SeededRandomSourceFactory, SeededRandomSource } from './random/seeded-random-source';
export { StructureVariator, STRUCTURE_STRATEGIES, type StructureStrategy, type StructureVariation, type StructureVariatorOptions } from './structure/structure-variator';
export {
  ParameterVariator,
  type CustomVariator,
  type CustomVariatorContext,
  type ParameterVariationContext,
  type ParameterVariationResult,
} from './params/parameter-variator';
export { STYLE_FILTERS, stringKindOf, isUrl, isHexColour, isEmail, isWellFormedJinja, type StringKind } from './params/string-kinds';
export { VariationEngine, VARIATION_ENGINE_VERSION } from './family/variation-engine';
export { pickRandomVariation, type PickOptions } from './family/pick-random-variation';
export { diversityOf } from './family/diversity';
export { CanonicalFormatter, type CanonicalForm } from './structure/canonical-form';
export { variatorsModule } from './variators-module';
export { VARIATORS_TOKENS } from './variators-tokens';
export type { CatalogLike, ComponentGraphLike, StructureValidatorLike, DslCodecLike, ParamSpecLike } from './dag-ports';
