import type { FeedbackFilterValue } from './feedback';
import type { InstancePattern } from './pattern';
import type { Structure } from './structure';

export type SearchMode = 'hybrid' | 'semantic' | 'lexical' | 'structure';
export const SEARCH_MODES: readonly SearchMode[] = ['hybrid', 'semantic', 'lexical', 'structure'];

/** Named dense vectors stored per pattern, and the sparse lexical one. */
export type DenseVectorName = 'description' | 'structure' | 'params';
export const DENSE_VECTOR_NAMES: readonly DenseVectorName[] = ['description', 'structure', 'params'];
export type SignalName = DenseVectorName | 'lexical';

export interface PatternFilter {
  feedback?: FeedbackFilterValue[];
  contentFeedback?: FeedbackFilterValue[];
  formFeedback?: FeedbackFilterValue[];
  components?: { all?: string[]; any?: string[]; none?: string[] };
  /** Exact-match on top-level metadata keys. */
  metadata?: Record<string, string | number | boolean>;
  tags?: string[];
}

export interface SearchQuery {
  query: string;
  dsl?: string;
  structure?: Structure;
  namespace: string;
  limit: number;
  filter: PatternFilter;
  mode: SearchMode;
  /** MMR λ in [0,1]: 1 = pure relevance, lower = more diverse. Absent = no re-ranking. */
  diversity?: number;
  explain: boolean;
}

export interface SignalContribution {
  rank: number;
  score: number;
}

export interface SearchExplanation {
  signals: Partial<Record<SignalName, SignalContribution>>;
  /** Structural similarity (0..1) to the query's DSL/structure, when one was given. */
  structural?: SignalContribution;
  /** RRF sum, normalised to 0..1 by the best possible sum for the signals used. */
  relevance: number;
  /** Feedback prior (Wilson lower bound based), multiplies relevance. */
  feedbackPrior: number;
  rrfK: number;
}

export interface SearchHit {
  pattern: InstancePattern;
  /** Final score in [0, 1]: relevance × feedback prior (× MMR when diversity is set). */
  score: number;
  explanation?: SearchExplanation;
}

export interface SearchResponse {
  mode: SearchMode;
  namespace: string;
  results: SearchHit[];
  tookMs: number;
}

export interface RecommendQuery {
  positive: string[];
  negative: string[];
  namespace: string;
  limit: number;
  filter: PatternFilter;
  explain: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListQuery {
  namespace: string;
  limit: number;
  cursor?: string;
  filter: PatternFilter;
}
