// The public face of @motif/vector-store. The contract suite and the fake Qdrant live in `@motif/vector-store/testing`.
export { tokenize, type TokenizerOptions } from './embedding/tokenizer';
export { HashingEmbedder, DEFAULT_HASHING_OPTIONS, type HashingEmbedderOptions } from './embedding/hashing-embedder';
export { UseLiteEmbedder, USE_LITE_ID, type UseLiteEmbedderOptions } from './embedding/use-lite-embedder';
export { ThreadedUseLiteEmbedder } from './embedding/threaded-use-lite-embedder';
export { CachedEmbedder } from './embedding/cached-embedder';
export { createEmbedderSet, uniformEmbedderSet, asEmbedderSet, type EmbedderSetOptions } from './embedding/embedder-set';
export { recordedEmbedder, kindOfEmbedderId } from './embedding/recorded-embedder';
export { LexicalEncoder } from './embedding/lexical-encoder';
export { patternEmbeddingTexts, type PatternEmbeddingTexts } from './embedding/pattern-embedding-text';
export { PatternIndexer } from './embedding/pattern-indexer';
export { feedbackPrior, wilsonLowerBound, NEUTRAL_PRIOR, PRIOR_PSEUDO_VOTES } from './feedback/feedback-prior';
export {
  HybridSearcher,
  DEFAULT_SIGNAL_WEIGHTS,
  USE_LITE_SIGNAL_WEIGHTS,
  defaultSignalWeights,
  defaultFusion,
  HASHING_FUSION,
  USE_LITE_FUSION,
  type FusionDefaults,
  DEFAULT_MIN_DENSE_SCORE,
  DEFAULT_RELATIVE_DENSE_FLOOR,
  MIN_LEXICAL_SCORE,
  type HybridSearcherOptions,
  type SignalWeights,
} from './search/hybrid-searcher';
export { EmbeddedPatternStore, EMBEDDED_DB_FILE, type AnnStatus, type EmbeddedPatternStoreOptions, type IndexLoadReport } from './embedded/embedded-pattern-store';
export { DEFAULT_ANN_ROUTING, type AnnRouting, type DenseRoute } from './embedded/hnsw/ann-routing';
export { DEFAULT_HNSW_PARAMS, type HnswParams } from './embedded/hnsw/hnsw-dense-index';
export { INDEX_SNAPSHOT_FILE } from './embedded/index-snapshot';
export { reindexEmbeddedStore, REINDEX_TARGET_KEY, type DenseVectors, type ReindexEmbeddedOptions, type ReindexProgress, type ReindexSummary } from './embedded/reindex-embedded-store';
export { defaultDenseScanEngine, type DenseScanEngine } from './embedded/column-index';
export { DEFAULT_SIGN_PREFILTER, type SignPrefilter } from './embedded/row-index';
export { COLUMN_LAYOUTS, vectorLayoutsOf, type VectorLayout, type VectorLayouts } from './embedded/vector-layout';
export { QdrantPatternStore, type QdrantPatternStoreOptions, type QdrantClientLike } from './qdrant/qdrant-pattern-store';
export { vectorStoreModule, createPatternStore, chooseEmbedder, embedderSetFor, type EmbedderChoice } from './vector-store-module';
export { expandedComponents } from './structure/structure-features';
export { migrateToQdrant, qdrantMigrationClient, checkpointPointId, type QdrantMigrationClient, type MigrationOptions, type MigrationProgress, type MigrationSummary } from './migrate/migrate-to-qdrant';
export type { ExportedRow } from './embedded/export-reader';
