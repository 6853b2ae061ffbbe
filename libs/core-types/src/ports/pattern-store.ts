import type { FeedbackDimension, FeedbackPolarity } from '../domain/feedback';
import type { FeedbackRule } from '../domain/feedback-rule';
import type { InstancePattern } from '../domain/pattern';
import type { DenseVectorName, ListQuery, Page, PatternFilter, SignalContribution, SignalName } from '../domain/search';
import type { StoreStats } from '../domain/stats';
import type { VariationFamily } from '../domain/variation';
import type { SparseVector } from './embedder';
import type { Closeable } from './lifecycle';

/** Texts that feed each named vector (see vector-store's `pattern-embedding-text.ts`). */
export interface PatternVectors {
  description: Float32Array;
  structure: Float32Array;
  params: Float32Array;
  /** Term frequencies of the lexical text (BM25 in memory; Qdrant's IDF-weighted sparse vector). */
  lexical: SparseVector;
}

export interface PatternRecord {
  pattern: InstancePattern;
  vectors: PatternVectors;
}

export interface PutResult {
  pattern: InstancePattern;
  created: boolean;
}

export interface FeedbackVoteInput {
  dimension: FeedbackDimension;
  polarity: FeedbackPolarity;
}

/** One search, per signal: each requested signal's best `prefetchLimit` matches; the caller fuses them. */
export interface StoreSearchRequest {
  namespace: string;
  /** Matches fetched per signal. */
  prefetchLimit: number;
  dense: Partial<Record<'description' | 'structure' | 'params', Float32Array>>;
  lexical?: { sparse: SparseVector };
  filter: PatternFilter;
  /** Ids that must not be returned (e.g. the examples of a recommend query). */
  excludeIds?: string[];
}

/**
 * One candidate of the union of the signals' top lists: which pattern, and its rank (from 1) and score in each
 * signal that returned it. No fused score and no pattern body: HybridSearcher fuses, then loads the patterns it keeps.
 */
export interface StoreSearchHit {
  patternId: string;
  signals: Partial<Record<SignalName, SignalContribution>>;
}

/**
 * The durable store of patterns, their vectors and their variation families.
 * Writes are atomic: a pattern is either fully stored (row, components, tags, vectors) or absent.
 */
export interface PatternStore extends Closeable {
  readonly backend: 'embedded' | 'qdrant';
  /** Creates schema/collection if needed; fails with EMBEDDER_MISMATCH if the store was built with another embedder. */
  init(): Promise<void>;
  /** Inserts unless a pattern with the same id exists; never duplicates. */
  put(record: PatternRecord): Promise<PutResult>;
  /** Same as put for many records, in one transaction/batch where the backend allows. */
  putMany(records: readonly PatternRecord[]): Promise<PutResult[]>;
  get(namespace: string, patternId: string): Promise<InstancePattern | null>;
  /** The patterns that exist among `patternIds`; missing ones are left out (match results by id, not position). */
  getMany(namespace: string, patternIds: readonly string[]): Promise<InstancePattern[]>;
  getVectors(namespace: string, patternId: string): Promise<PatternVectors | null>;
  list(query: ListQuery): Promise<Page<InstancePattern>>;
  /** Deletes the pattern and its family; false when it did not exist. */
  delete(namespace: string, patternId: string): Promise<boolean>;
  /**
   * Records votes (stamped `at`) and, in the same atomic read-modify-write, stores what `apply` makes of the stored
   * pattern (the service passes core-types' `applyVotes`); returns that. The store decides no label itself.
   * NOT_FOUND when the pattern does not exist.
   */
  addFeedback(namespace: string, patternId: string, votes: readonly FeedbackVoteInput[], at: Date, apply: FeedbackRule): Promise<InstancePattern>;
  /** The union of each signal's top `prefetchLimit` (filter and excludeIds applied inside every signal), in no set order. */
  search(request: StoreSearchRequest): Promise<StoreSearchHit[]>;
  saveFamily(family: VariationFamily): Promise<void>;
  getFamily(namespace: string, parentId: string): Promise<VariationFamily | null>;
  deleteFamily(namespace: string, parentId: string): Promise<boolean>;
  count(namespace?: string): Promise<number>;
  stats(): Promise<StoreStats>;
  /** Cheap reachability check for /readyz. */
  ping(): Promise<void>;
  /** Loads in-memory indexes now rather than on the first search (servers call it at start-up). */
  warm?(options?: WarmOptions): Promise<void>;
}

export interface WarmOptions {
  /**
   * The named vectors to load now (default `all`: every one, the bytes only a final re-score reads following in
   * the background, where a store has such bytes). Listed, they load without those bytes, and the others not at
   * all, until a search first needs them: what a one-shot command wants (a text search reads the description
   * vector, never the structure one).
   */
  vectors?: 'all' | readonly DenseVectorName[];
}
