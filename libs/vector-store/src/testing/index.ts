// `@motif/vector-store/testing`: what a store implementation needs to prove it honours the
// PatternStore port: the shared contract suite (jest/vitest globals), its corpus, and an in-process fake Qdrant.
export { describePatternStoreContract, type ContractStoreFactory, type ContractStoreOptions } from '../contract/pattern-store.contract';
export { CORPUS, corpus, testPattern } from '../contract/test-patterns';
export { FakeQdrant } from '../qdrant/fake-qdrant';
export { Fts5Reference, ftsMatchExpression } from './fts5-reference';
