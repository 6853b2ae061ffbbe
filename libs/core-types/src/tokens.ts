/**
 * DI tokens. Symbols (not strings) so two libraries can never collide by accident.
 * Each library's ContainerModule binds the tokens it owns.
 */
export const TOKENS = {
  Config: Symbol.for('motif.Config'),
  Clock: Symbol.for('motif.Clock'),
  Catalog: Symbol.for('motif.Catalog'),
  ComponentGraph: Symbol.for('motif.ComponentGraph'),
  StructureValidator: Symbol.for('motif.StructureValidator'),
  DslCodec: Symbol.for('motif.DslCodec'),
  RandomSourceFactory: Symbol.for('motif.RandomSourceFactory'),
  StructureVariator: Symbol.for('motif.StructureVariator'),
  ParameterVariator: Symbol.for('motif.ParameterVariator'),
  VariationEngine: Symbol.for('motif.VariationEngine'),
  Embedder: Symbol.for('motif.Embedder'),
  PatternStore: Symbol.for('motif.PatternStore'),
  FamilyCache: Symbol.for('motif.FamilyCache'),
  PatternService: Symbol.for('motif.PatternService'),
} as const;

export type TokenName = keyof typeof TOKENS;
