// The public face of @motif/patterns: the one composition root and what it returns.
// Test helpers live in `@motif/patterns/testing`.
export * from './motif-runtime';
export * from './create-motif-container';
export * from './patterns-module';
export * from './migrate-store';
export * from './reindex-store';
export { ModuleWrapperAdapter, type AdaptedPoint } from './migration/module-wrapper-adapter';
export type { MigrationReport } from './migration/module-wrapper-point';
// Named by PATTERNS_TOKENS; exported as types so the API reference can show them.
export type { PatternShaper, ShapedPattern } from './pattern-shaper';
export type { StructureDeriver, StructureSource } from './structure-deriver';
export { storeEach } from './edge/store-each';
